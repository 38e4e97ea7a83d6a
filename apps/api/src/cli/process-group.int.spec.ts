import { ProcessGroup } from './process-group';

const node = (script: string) => ({ command: process.execPath, args: ['-e', script] });
const RUNS_UNTIL_TERM = `
  console.log('up');
  process.on('SIGTERM', () => setTimeout(() => { console.log('drained'); process.exit(0); }, 200));
  setInterval(() => {}, 1000);
`;

function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((done, fail) => {
    const poll = () => {
      if (check()) return done();
      if (Date.now() > deadline) return fail(new Error('condition not met in time'));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe('the processes of `npm start`', () => {
  let lines: string[];
  let group: ProcessGroup;

  beforeEach(() => {
    lines = [];
    group = new ProcessGroup(process.env, (_stream, line) => lines.push(line));
  });

  afterEach(() => group.stop());

  it('keeps the essential processes running when an optional one ends on its own', async () => {
    const ending = group.supervise([
      { name: 'api', essential: true, ...node(RUNS_UNTIL_TERM) },
      {
        name: 'mail',
        essential: false,
        ...node(`console.log('port taken, stepping aside'); process.exit(1)`),
      },
    ]);
    await until(() => lines.some((l) => l.includes('[mail] port taken, stepping aside')));
    await until(() => lines.some((l) => l.includes('mail ended (exit code 1); the others keep running')));
    expect(group.running()).toEqual(['api']);
    // The API listens for SIGTERM once it has said it is up; a stop before that would kill it
    // before it could drain (the mail sink may end before the API has even started).
    await until(() => lines.includes('[api] up'));

    await group.stop();
    expect(await ending).toEqual({ reason: 'stopped' });
    expect(lines).toContain('[api] drained');
    expect(group.running()).toEqual([]);
  });

  it('ends the group when an essential process ends, with its exit code, and stops the others', async () => {
    const ending = group.supervise([
      { name: 'api', essential: true, ...node(`setTimeout(() => process.exit(3), 300)`) },
      { name: 'worker', essential: true, ...node(RUNS_UNTIL_TERM) },
    ]);
    expect(await ending).toEqual({ reason: 'exited', name: 'api', code: 3 });
    await group.stop();
    expect(lines).toContain('[worker] drained');
    expect(group.running()).toEqual([]);
  });

  it('runs one-off steps to their end with their exit code, output prefixed by name', async () => {
    expect(
      await group.run({ name: 'migrate', ...node(`console.log('applied'); console.error('warned')`) }),
    ).toBe(0);
    expect(await group.run({ name: 'seed', ...node('process.exit(2)') })).toBe(2);
    expect(lines).toEqual(expect.arrayContaining(['[migrate] applied', '[migrate] warned']));
  });

  it('kills what does not end within the grace period', async () => {
    const stubborn = new ProcessGroup(process.env, (_stream, line) => lines.push(line), 300);
    void stubborn.supervise([
      {
        name: 'api',
        essential: true,
        ...node(`process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)`),
      },
    ]);
    await until(() => lines.includes('[api] up'));
    await stubborn.stop();
    expect(stubborn.running()).toEqual([]);
  });
});
