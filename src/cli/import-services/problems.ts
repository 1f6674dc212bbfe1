/** What is wrong in a services file, where, and how it is said. */
import { COLUMNS, type Column } from './columns.ts';

/** Something wrong in the file. line 0 = the file as a whole; line 1 = the header. */
export interface RowProblem {
  line: number;
  /** CSV: the line in the text file, when a multi-line cell above makes it differ from the row */
  textLine?: number;
  column?: Column;
  message: string;
}

export function formatProblem(p: RowProblem): string {
  const where = p.line > 0 ? `riga ${p.line}${p.textLine ? ` (riga ${p.textLine} del testo)` : ''}` : 'file';
  return p.column ? `${where}: campo ${p.column}: ${p.message}` : `${where}: ${p.message}`;
}

export function sortProblems(problems: RowProblem[]): RowProblem[] {
  const order = (c?: Column) => (c ? COLUMNS.indexOf(c) : -1);
  return [...problems].sort((a, b) => a.line - b.line || order(a.column) - order(b.column));
}
