import { describe, expect, it } from 'vitest';
import { whatToDo } from './account-causes.js';

describe('what to do about an account pause', () => {
  it('names the fix for each cause, in Turkish and English, and says deliveries resume by themselves', () => {
    expect(whatToDo('H521').en).toContain('subscription is closed');
    expect(whatToDo('H521').tr).toContain('aboneliği kapalı');
    expect(whatToDo('gateway').en).toContain('IP address');
    expect(whatToDo('invalid_grant').en).toContain('username or password');
    expect(whatToDo('H251').tr).toContain('parolasını');
    expect(whatToDo('H353').en).toContain('brandCode');
    expect(whatToDo('H084').en).toContain('H084');
    for (const code of ['H521', 'gateway', 'H999']) {
      expect(whatToDo(code).en).toContain('resume by themselves');
      expect(whatToDo(code).tr).toContain('kendiliğinden');
    }
  });
});
