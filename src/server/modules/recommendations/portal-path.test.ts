import { describe, expect, it } from 'vitest';
import { isPortalPath } from './recommendations.service.ts';

describe('links of advice stay on the portal', () => {
  it('takes paths of the portal', () => {
    for (const ok of ['/area-personale', '/enti/comune-di-castelrocca/servizi/carta-identita-elettronica', '/servizi?q=nido']) expect(isPortalPath(ok), ok).toBe(true);
  });
  it('refuses other sites however they are written', () => {
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/ evil', '', 'area-personale']) {
      expect(isPortalPath(bad), bad).toBe(false);
    }
  });
});
