import type { AppliedMigration } from '@herald/db';
import { migrationProblems } from './migration-problems.util';

const at = new Date('2026-12-03T10:00:00Z');

function applied(name: string, state: 'finished' | 'failed' | 'rolled-back' = 'finished'): AppliedMigration {
  return {
    name,
    startedAt: at,
    finishedAt: state === 'finished' ? at : null,
    rolledBackAt: state === 'rolled-back' ? at : null,
  };
}

describe(migrationProblems.name, () => {
  const folders = ['20261203_init', '20261204_media', '20261205_late'];

  it('should find nothing when every folder is applied', () => {
    expect(migrationProblems(folders, folders.map((f) => applied(f)))).toEqual({ pending: [], failed: [], unknown: [] });
  });

  it('should call every folder pending when the database was never migrated', () => {
    expect(migrationProblems(folders, null).pending).toEqual(folders);
  });

  it('should tell a migration that failed half-way from one not applied yet', () => {
    const problems = migrationProblems(folders, [applied('20261203_init'), applied('20261204_media', 'failed')]);

    expect(problems).toEqual({ pending: ['20261205_late'], failed: ['20261204_media'], unknown: [] });
  });

  it('should take a migration rolled back and applied again as applied', () => {
    const rows = [applied('20261203_init'), applied('20261204_media', 'rolled-back'), applied('20261204_media'), applied('20261205_late')];

    expect(migrationProblems(folders, rows)).toEqual({ pending: [], failed: [], unknown: [] });
  });

  it('should name migrations the database has and this code does not know', () => {
    const rows = [...folders.map((f) => applied(f)), applied('20270101_newer')];

    expect(migrationProblems(folders, rows).unknown).toEqual(['20270101_newer']);
  });
});
