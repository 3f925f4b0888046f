// The catalogue round trip (scripts/messages/round-trip.ts): every entry with a meaning, filled with sample values,
// is read by normalize() as that message with that meaning; cut at 60% of its length, it still is, but where the cut
// cannot be told apart by design (too little wording left, or an opening another meaning's message shares).
import { describe, expect, it } from '@jest/globals';
import { readCatalogueInputs } from '../../scripts/messages/catalogue-inputs.js';
import { readBackProblem, roundTrip, roundTripCases } from '../../scripts/messages/round-trip.js';
import { builtinCatalogue } from '../../src/messages/catalogue.js';
import { normalize } from '../../src/normalize/index.js';

const catalogue = builtinCatalogue();
const cases = roundTripCases(readCatalogueInputs().inputs, catalogue);
const report = roundTrip(cases, (text) => normalize(text));
const total = (pick: 'whole' | 'cut') =>
  [...report.bySource.values()].flatMap((byLocale) => [...byLocale.values()]).reduce((n, t) => ({ read: n.read + t[pick].read, total: n.total + t[pick].total }), { read: 0, total: 0 });

/**
 * Cuts read back, of those that can be by design. Raise it as recognition improves; a change that loses cut
 * messages fails here.
 */
const CUT_FLOOR = 0.97;

describe('the catalogue round trip', () => {
  it('covers every source, with cases for every entry that has a meaning', () => {
    const withMeaning = catalogue.file.entries.filter((e) => catalogue.file.meanings[e.id]).length;
    expect(cases.filter((c) => !c.cut).length).toBeGreaterThanOrEqual(withMeaning);
    expect(new Set(cases.map((c) => c.source)).size).toBeGreaterThan(20);
  });

  it('reads every entry with a meaning back whole, as itself and with its meaning', () => {
    expect(report.misses.filter((m) => !m.case.cut).map((m) => `${m.case.id} (${m.case.locale}): ${m.got}`)).toEqual([]);
  }, 60_000);

  it(`reads back at least ${CUT_FLOOR * 100}% of the texts cut at 60% that can be read`, () => {
    const cut = total('cut');
    expect(cut.total).toBeGreaterThan(1000);
    expect(cut.read / cut.total).toBeGreaterThanOrEqual(CUT_FLOOR);
  });

  it('names what differs when a text is read back as another message or with other facts', () => {
    const c = { id: 'sqlserver:18456', source: 'sqlserver', locale: 'en', text: '', cut: false, expected: { 'error.family': 'login_failed' as const } };
    const read = normalize("Login failed for user 'sa'.");
    expect(readBackProblem(c, read)).toBeUndefined();
    expect(readBackProblem({ ...c, id: 'sqlserver:18470' }, read)).toMatch(/^recognised .*sqlserver:18456/);
    expect(readBackProblem({ ...c, expected: { 'error.family': 'database' } }, read)).toBe('error.family "login_failed" (meaning: "database")');
  });
});
