import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules.js';

describe('password rules (NIST SP 800-63B)', () => {
  it('refuses the passwords attackers try first, in any letter case', () => {
    for (const p of ['password', '12345678', 'PASSWORD', 'Password', 'qwertyuiop', 'iloveyou', 'passw0rd'])
      expect(passwordProblem(p), p).toMatch(/most common passwords/);
  });

  it('refuses one character repeated, spaces included', () => {
    for (const p of [' '.repeat(8), 'a'.repeat(12), '0'.repeat(30)]) expect(passwordProblem(p), p).toMatch(/repeated/);
  });

  it('refuses fewer than 8 characters, counted as people count them', () => {
    expect(passwordProblem('abc1234')).toBe('Passwords have at least 8 characters.');
    // 7 emoji are 14 UTF-16 units but 7 characters.
    expect(passwordProblem('🔑🗝🔐🔒🔓🛡🧷')).toBe('Passwords have at least 8 characters.');
    expect(passwordProblem('x'.repeat(199) + 'y'.repeat(2))).toBe('Passwords have at most 200 characters.');
  });

  it('asks for no composition: long lowercase phrases and uncommon short ones pass', () => {
    for (const p of ['correct horse battery', 'analytical engine', 'zq8mvtpa', 'пароль-для-статей'])
      expect(passwordProblem(p), p).toBeNull();
  });
});
