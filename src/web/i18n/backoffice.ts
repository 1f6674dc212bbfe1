/**
 * The back office's own Italian strings, a chunk loaded with the back office (App.tsx): citizens never need them, and
 * they are a tenth of the public pages' first load. English carries every string already (./en.ts, loaded on demand).
 * Only keys no citizen, kiosk or display page uses belong here; the rest stay in index.ts.
 */
import i18n from './index';
import dashboardIt from './dashboard.it.json';
import deskAdminIt from './deskadmin.it.json';
import deskFiguresIt from './deskfigures.it.json';
import formEditorIt from './formeditor.it.json';
import officePaymentsIt from './officepayments.it.json';
import webhooksIt from './webhooks.it.json';
import workspaceIt from './workspace.it.json';

// each file holds its own top-level keys, so adding them (deep, overwriting nothing else) equals the old spread
i18n.addResourceBundle('it', 'translation', { ...formEditorIt, ...workspaceIt, ...dashboardIt, ...webhooksIt, ...deskAdminIt, ...deskFiguresIt, ...officePaymentsIt }, true, true);
