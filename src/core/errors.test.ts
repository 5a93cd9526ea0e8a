import { describe, expect, it } from 'vitest';
import { AppError, createErrorFactory, declaredErrors, isRefusal, rethrowUnlessRefusal } from './errors.js';

describe('createErrorFactory', () => {
  const notFound = createErrorFactory({ code: 'testing.thing_not_found', status: 404, message: 'No such thing.' });

  it('makes AppErrors carrying the declared code, status and message', () => {
    const error = notFound();
    expect(error).toBeInstanceOf(AppError);
    expect([error.code, error.status, error.message]).toEqual(['testing.thing_not_found', 404, 'No such thing.']);
    expect(notFound({ message: 'No thing 42.' }).message).toBe('No thing 42.');
    expect(notFound.is(error)).toBe(true);
    expect(notFound.is(new AppError('testing.other', 404, 'x'))).toBe(false);
  });

  it('refuses a code declared twice, and codes that are not dotted lower-case words', () => {
    expect(() => createErrorFactory({ code: 'testing.thing_not_found', status: 400, message: 'x' })).toThrow(/twice/);
    expect(() => createErrorFactory({ code: 'NoDots', status: 400, message: 'x' })).toThrow(/dotted/);
    expect(declaredErrors().filter((d) => d.code === 'testing.thing_not_found')).toHaveLength(1);
  });

  it('tells refusals (4xx) from failures on our side', () => {
    expect(isRefusal(notFound())).toBe(true);
    expect(isRefusal(new AppError('testing.broken', 503, 'x'))).toBe(false);
    expect(isRefusal(new Error('plain'))).toBe(false);
    expect(() => rethrowUnlessRefusal(new Error('plain'))).toThrow('plain');
    expect(() => rethrowUnlessRefusal(notFound())).not.toThrow();
  });

  it('exposes refusals, and failures on our side only when declared so', () => {
    const upstream = createErrorFactory({
      code: 'testing.upstream_down',
      status: 502,
      message: 'Try later.',
      expose: true,
    });
    const internal = createErrorFactory({ code: 'testing.disk_broken', status: 500, message: '/var/lib/x failed' });
    expect(notFound().isExposed).toBe(true);
    expect(upstream().isExposed).toBe(true);
    expect(internal().isExposed).toBe(false);
    expect(new AppError('testing.undeclared', 503, 'x').isExposed).toBe(false);
  });
});
