/**
 * `sportello import services FILE.csv|xlsx [--tenant SLUG] [--dry-run]`: loads service cards from a spreadsheet.
 *
 * File format: one row per service, a header row first (line 1). Header names are matched without regard to case,
 * accents, spaces or hyphens ("Parole chiave" = "parole_chiave"); a column the importer does not know stops the
 * import before anything is written. Columns may be in any order; only the marked ones are required.
 *
 *   ente                   slug of the body (tenant), e.g. comune-di-castelrocca; may be left out with --tenant   *
 *   slug                   address of the service within the body: lowercase letters, digits, hyphens              *
 *   titolo                 title (3-200 characters)                                                               *
 *   categoria              category code (e.g. civil_registry) or its Italian label ("Anagrafe e stato civile")   *
 *   stato                  attivo | non attivo (empty = attivo)
 *   motivo_stato           why the service is not active (required when stato = non attivo)
 *   descrizione_breve      short description (10-160 characters)                                                  *
 *   descrizione            long description
 *   a_chi_si_rivolge       "A chi è rivolto", free text
 *   destinatari            audience codes separated by ";": citizens;businesses;professionals;associations;        *
 *                          public_bodies (Italian words are accepted too: cittadini;imprese;professionisti…)
 *   eventi_vita            life-event codes separated by ";" (e.g. change_of_residence;birth) or their labels
 *   come_fare              steps, separated by "|" (or by line breaks inside the cell)
 *   cosa_serve             documents and data needed, separated by "|"
 *   cosa_si_ottiene        what the person obtains
 *   tempi                  "Tempi e scadenze", free text
 *   giorni_massimi         legal maximum processing time, whole days (0-3650)                                     *
 *   online                 sì/no (empty = sì when descrizione_online or url_online is given, otherwise no)
 *   descrizione_online     how to use the service online
 *   url_online             https:// address of the online service, when it is handled elsewhere
 *   sportello              sì/no: at the desk (empty = sì when descrizione_sportello is given, otherwise no)
 *   descrizione_sportello  how to use the service at the desk
 *   prenotabile            sì/no: a desk visit can be booked
 *   condizioni             conditions of use
 *   costi                  items separated by "|", each an amount in euro (comma or dot) and a description:
 *                          "16,79 Diritti fissi|5,16 Diritti di segreteria"; "gratuito" = free
 *   normativa              legal references, separated by "|"
 *   parole_chiave          extra search words, separated by ";"
 *   ufficio                code of the responsible office of the body (e.g. anagrafe)                             *
 *
 * CSV: UTF-8 with or without BOM, delimiter ";" or "," (whichever the header line uses). XLSX: the first worksheet,
 * the same headers; numbers, booleans, dates, rich text, links and formula results are read as the text they show.
 * A row's number in messages is the row a spreadsheet shows for it (header = 1, blank lines count). In a CSV this is
 * its line, unless an earlier cell spans several lines (quoted line breaks): then the text line is given too.
 *
 * The import runs in two passes: every row is parsed and validated first (schema, body, vocabulary codes, office,
 * duplicates); then the good rows are written, each through the catalogue's upsert in its own transaction, so a
 * row is either wholly imported (new service, or a new published version when it changed) or not at all.
 * See test/fixtures/services-template.csv for a ready-to-fill file.
 *
 * The code, one idea a file, under ./import-services/: columns.ts (the columns and the card fields they fill),
 * problems.ts (messages and their order), read-file.ts (pass 0: CSV/XLSX → rows), convert-row.ts (a row → a service
 * input), validate.ts (pass 1: every check before writing), command.ts (pass 2, progress and the summary).
 */
export { COLUMNS, normaliseName, type Column } from './import-services/columns.ts';
export { formatProblem, type RowProblem } from './import-services/problems.ts';
export { cellText, detectDelimiter, parseCsvText, parseServicesFile, type ParsedFile, type ParsedRow } from './import-services/read-file.ts';
export { convertRow, inJsonbKeyOrder, parseEuroCents, parseYesNo, slugify, type ConvertedRow } from './import-services/convert-row.ts';
export {
  catalogLookup,
  schemaProblems,
  validateRows,
  type CatalogLookup,
  type ValidationResult,
  type ValidRow,
} from './import-services/validate.ts';
export { formatReport, importServices, importServicesCommand, type ImportIo, type ImportReport } from './import-services/command.ts';
