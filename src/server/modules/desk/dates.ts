/** Instants as the desk's answers carry them: ISO strings (the database gives Dates, or strings on some drivers). */
export const iso = (d: Date | string) => new Date(d).toISOString();
export const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
