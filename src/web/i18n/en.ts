/**
 * English strings, a chunk of their own: most visitors read Italian, so the first load does not carry them.
 * Loaded by the i18n backend in index.ts when English is chosen (or was stored from an earlier visit).
 */
import applicationEn from './application.en.json';
import dashboardEn from './dashboard.en.json';
import en from './en.json';
import formEditorEn from './formeditor.en.json';
import practicesEn from './practices.en.json';
import verifyEn from './verify.en.json';
import workspaceEn from './workspace.en.json';
import workflowEn from './workflow.en.json';
import messagesEn from './messages.en.json';
import threadEn from './thread.en.json';
import webhooksEn from './webhooks.en.json';
import myspaceEn from './myspace.en.json';
import certificatesEn from './certificates.en.json';
import recommendationsEn from './recommendations.en.json';
import mydataEn from './mydata.en.json';
import profilesEn from './profiles.en.json';
import bookingEn from './booking.en.json';
import deskEn from './desk.en.json';
import deskAdminEn from './deskadmin.en.json';
import deskFiguresEn from './deskfigures.en.json';
import officePaymentsEn from './officepayments.en.json';
import paymentsEn from './payments.en.json';

// each capability keeps its strings in its own file, under its own top-level key
export default { ...en, ...applicationEn, ...practicesEn, ...verifyEn, ...formEditorEn, ...workflowEn, ...workspaceEn, ...dashboardEn, ...messagesEn, ...threadEn, ...webhooksEn, ...myspaceEn, ...certificatesEn, ...recommendationsEn, ...mydataEn, ...profilesEn, ...bookingEn, ...deskEn, ...deskAdminEn, ...deskFiguresEn, ...officePaymentsEn, ...paymentsEn };
