// Kept birth years and a project's approval on both engines: a year is kept once (a different one later
// leaves it as it is), read per project, forgotten all at once; the approval round-trips with the project.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db } from '../platform/db/database.js';
import { birthYearsRepository, participantsRepository } from './participants-repository.js';
import { projectsRepository } from './projects-repository.js';
import { validateNewProject } from './rules.js';

describe.each(engines)('birth years on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  const now = new Date('2026-01-01T10:00:00Z');

  beforeEach(async () => {
    db = await openTestDb(create);
    for (const name of ['YearsOne', 'YearsTwo']) {
      await projectsRepository(db).insert(validateNewProject({ name, participantPattern: 'P\\d+', events: ['baseline'], destination: { aet: 'X', host: 'localhost', port: 104 } }, now), []);
      for (const id of ['P1', 'P2']) await participantsRepository(db).insert({ project: name, id, dataAccessGroup: null, dateOffsetDays: -10, createdAt: now.toISOString(), createdBy: null });
    }
  });
  afterEach(async () => db.drop());

  it('keeps the first year, reads it per project and forgets them all', async () => {
    const years = birthYearsRepository(db);
    expect(await years.store('YearsOne', 'P1', 1958)).toBe('stored');
    expect(await years.store('YearsOne', 'P1', 1958)).toBe('unchanged');
    expect(await years.store('YearsOne', 'P1', 1960)).toBe('differs');
    expect(await years.store('YearsTwo', 'P1', 1971)).toBe('stored');
    expect([...(await years.forProject('YearsOne'))]).toEqual([['P1', 1958]]);
    await expect(years.store('YearsOne', 'P9', 1958)).rejects.toThrow(/not registered/);
    await expect(years.store('YearsOne', 'P2', 19580623)).rejects.toThrow(/four digits/);
    expect(await years.forget('YearsTwo', 'P1')).toBe(true);
    expect(await years.forget('YearsTwo', 'P1')).toBe(false);
    expect(await years.store('YearsTwo', 'P1', 1971)).toBe('stored');
    expect(await years.clear('YearsOne')).toBe(1);
    expect((await years.forProject('YearsOne')).size).toBe(0);
    expect([...(await years.forProject('YearsTwo'))]).toEqual([['P1', 1971]]);
  });

  it('stores a project\'s approval with who and when, and none by default', async () => {
    const projects = projectsRepository(db);
    const one = (await projects.find('YearsOne'))!;
    expect(one.birthYearInExport).toBeNull();
    await projects.update({ ...one, birthYearInExport: { approval: 'REK 2026/1', setBy: 'admin', setAt: now.toISOString() } });
    expect((await projects.find('YearsOne'))!.birthYearInExport).toEqual({ approval: 'REK 2026/1', setBy: 'admin', setAt: now.toISOString() });
    expect((await projects.find('YearsTwo'))!.birthYearInExport).toBeNull();
  });
});
