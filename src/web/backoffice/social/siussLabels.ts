/**
 * The Casellario's codes of the SINA assessment and the SINBA record with their labels, as the annotations of the
 * XSDs in standards/siuss say them (PS_PSA_SINA201806.xsd, SINBA.xsd; spelling tidied, meaning unchanged). The
 * codes are the values the contracts (SinaAssessment, SinbaRecord) carry.
 */

/** MobilitaType */
export const SINA_MOBILITY: Record<string, string> = {
  '1': "Si sposta da solo",
  '2': "Si sposta assistito",
  '3': "Non si sposta",
};
/** AttivitaVitaQuotidianaType */
export const SINA_DAILY_LIVING: Record<string, string> = {
  '1': "Autonomo",
  '2': "Parzialmente dipendente",
  '3': "Totalmente dipendente",
};
/** DisturbiAreaCognitivaType */
export const SINA_COGNITIVE: Record<string, string> = {
  '1': "Lievi",
  '2': "Moderati",
  '3': "Gravi",
};
/** DisturbiComportamentaliType */
export const SINA_BEHAVIOURAL: Record<string, string> = {
  '1': "Assenti",
  '2': "Presenti",
};
/** NecessitaCureSanitarieType */
export const SINA_HEALTH_CARE: Record<string, string> = {
  '1': "Bassa",
  '2': "Media",
  '3': "Alta",
};
/** AreaRedditualeType */
export const SINA_INCOME: Record<string, string> = {
  '1': "Autonomo e in equilibrio finanziario",
  '2': "Riceve aiuto da parenti e/o da altre persone",
  '3': "In condizione di bisogno economico e senza aiuti da parenti o altre persone",
};
/** AreaSupportoType */
export const SINA_SUPPORT: Record<string, string> = {
  '1': "Presenza della rete familiare o informale",
  '2': "Presenza parziale e/o temporanea della rete familiare o informale",
  '3': "Assenza della rete familiare o informale",
};
/** FonteDerivazioneValutazioneType */
export const SINA_SOURCE: Record<string, string> = {
  '1': "UVM",
  '2': "Cartella sociale",
  '3': "Altra documentazione",
  '4': "Raccolta diretta",
};
/** StrumentoValutazioneType */
export const SINA_TOOL: Record<string, string> = {
  '1': "SVAMA",
  '2': "AGED",
  '3': "RUG",
  '4': "SOSIA",
  '5': "Schema polare",
  '6': "VALGRAF",
  '7': "Altro sistema di codifica",
};
/** InvCivType */
export const SINA_INVALIDITY: Record<string, string> = {
  '1': "Certificazione invalidità Civile parziale non inferiore al 75%",
  '2': "Certificazione invalidità Civile Totale (100%) Con Indennita' di accompagnamento",
  '3': "Certificazione invalidità Civile totale (100%) senza indennità di accompagnamento",
  '4': "Certificazione Npi",
  '5': "Certificazione L.104 (art.3, comma 1)",
  '6': "Certificazione L.104 (art.3, comma 3)",
  '7': "Certificazione L.104 (art.12)",
  '8': "Certificazione L.104 (art.13)",
};
/** FonteDerivazioneInvaliditaType */
export const SINA_INVALIDITY_SOURCE: Record<string, string> = {
  '1': "Certificazione invalidità verificata on line o cartacea",
  '2': "Dichiarazione della persona",
};
/** MinoreStranieroNoAccType */
export const SINBA_YES_NO: Record<string, string> = {
  '1': "SI",
  '2': "NO",
};
/** CondizioneMinoreType */
export const SINBA_CONDITION: Record<string, string> = {
  '1': "Non orfano",
  '2': "Orfano di entrambi",
  '3': "Orfano di padre",
  '4': "Orfano di madre",
  '5': "Genitori ignoti",
};
/** LuogoVitaType */
export const SINBA_LIVING_PLACE: Record<string, string> = {
  '1': "Nella sua famiglia",
  '2': "Presso parenti",
  '3': "In famiglia affidataria",
  '4': "In struttura residenziale sociale",
  '5': "In struttura residenziale sanitaria",
  '6': "In istituto penale minorile",
  '7': "Con amici e conoscenti",
  '8': "Senza dimora",
};
/** ScuolaFrequentataType */
export const SINBA_SCHOOL: Record<string, string> = {
  '1': "Nessuna scuola",
  '2': "Struttura",
  '3': "Asilo nido",
  '4': "Scuola dell'infanzia",
  '5': "Scuola primaria",
  '6': "Scuola secondaria I grado",
  '7': "Scuola secondaria II grado",
  '8': "Corso formazione professionale",
};
/** CondizioneLavoroType */
export const SINBA_WORK: Record<string, string> = {
  '1': "Inattivo (non in età da lavoro, non ha e non cerca lavoro)",
  '2': "Occupato",
  '3': "Disoccupato alla ricerca di nuova occupazione",
  '4': "In cerca di prima occupazione",
};
/** TipoDisabilitaType */
export const SINBA_DISABILITY_TYPE: Record<string, string> = {
  '1': "Fisica",
  '2': "Psichica",
  '3': "Sensoriale",
  '4': "Plurima",
};
/** ComposizioneFamigliaType */
export const SINBA_HOUSEHOLD: Record<string, string> = {
  '1': "Madre",
  '2': "Padre",
  '3': "Fratelli/Sorelle",
  '4': "Nonno/a",
  '5': "Compagno/a della madre o del padre",
  '6': "Altri conviventi",
};
/** FonteSegnalazioneType */
export const SINBA_REPORT_SOURCE: Record<string, string> = {
  '1': "Servizio sociale minori della giustizia minorile",
  '2': "Altro servizio sociale (consultori, centri famiglia, di altro ambito/distretto, ..)",
  '3': "Servizi sanitari/medico di base/pediatra",
  '4': "Privato sociale/volontariato",
  '5': "Forze dell'ordine",
  '6': "Beneficiario stesso",
  '7': "Genitori affidatari/tutore",
  '8': "Genitori/fratelli/altri familiari conviventi",
  '9': "Parenti non conviventi",
  '10': "Tribunale ordinario",
  '11': "Autorità giudiziarie minorili",
  '12': "Professionista privato",
  '13': "Scuola",
  '14': "Vicinato o conoscenti",
};
/** ValutazioneMinoreType */
export const SINBA_MINOR_ASSESSMENT: Record<string, string> = {
  '1': "Nessuna specifica problematica",
  '2': "Problemi relazionali e comportamentali",
  '3': "Dipendenze",
  '4': "Presunto stato di abbandono",
  '5': "Problemi sanitari",
  '6': "Violenza sessuale subita, prostituzione, tratta, pedopornografia",
  '7': "Altre forme di violenza e maltrattamento subite",
  '8': "Comportamenti di grave devianza",
  '9': "Problemi di autonomia, disabilità",
  '10': "Coinvolto in procedure penali",
  '11': "Gestante/madre minorenne",
  '12': "Minore straniero non accompagnato",
  '13': "Abbandono scolastico",
};
/** ValutazioneFamigliaMinoreType */
export const SINBA_FAMILY_ASSESSMENT: Record<string, string> = {
  '1': "Nessuna specifica",
  '2': "Problematica fragilità/inadeguatezza genitoriale, problematiche socio-educative e relazionali",
  '3': "Dipendenza",
  '4': "Problematiche psichiatriche",
  '5': "Altre problematiche sanitarie",
  '6': "Grave conflittualità familiare",
  '7': "Famiglia maltrattante",
  '8': "Famiglia abusante",
  '9': "Problemi giudiziari",
  '10': "Fallimento affido preadottivo nel I anno",
  '11': "Inadempienza obblighi sanitari",
  '12': "Difficoltà economiche",
  '13': "Difficoltà abitative",
};
/** TipoProvvedimentoGiudiziarioType */
export const SINBA_COURT_MEASURE_TYPE: Record<string, string> = {
  '1': "Adottabilità",
  '2': "Adozione nazionale",
  '3': "Adozione internazionale",
  '4': "Affidamento familiare",
  '5': "Affido al servizio sociale",
  '6': "Affidamento a uno dei genitori in caso di separazione",
  '7': "Vigilanza",
  '8': "Post-adozione; allontanamento del minore in via d'emergenza (art. 403 c.c.)",
};
/** AutoritaProvvedimentoType */
export const SINBA_COURT_AUTHORITY: Record<string, string> = {
  '1': "Giudice tutelare",
  '2': "Tribunale per i minori",
  '3': "Procura per i minori",
  '4': "Tribunale ordinario",
};
