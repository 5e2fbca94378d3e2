import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { executableResidentMiB, idleShare, machineTicks, machineTicksOf, peakRssMiB, residentKiBOfFile, residentMiB, resetPeakRss } from '../../bench/process-stats.ts';

// /proc/stat's first line sums every core: user nice system idle iowait irq softirq steal guest guest_nice.
const STAT = (idle: number, iowait: number, busy: number) => `cpu  ${busy} 0 0 ${idle} ${iowait} 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

describe('machine ticks (bench)', () => {
  it('counts idle and I/O wait as idle, every field in the total, from the first line only', () => {
    assert.deepEqual(machineTicksOf('cpu  10 1 5 100 7 2 3 4 0 0\ncpu0 999 999 999 999 999 999 999 999 0 0\n'), { idle: 107, total: 132 });
  });

  it('gives the share of the cores idle between two readings', () => {
    assert.equal(idleShare(machineTicksOf(STAT(100, 0, 100)), machineTicksOf(STAT(130, 10, 160))), 0.4);
    assert.equal(idleShare(machineTicksOf(STAT(100, 0, 100)), machineTicksOf(STAT(100, 0, 200))), 0);
  });

  it('gives 0 when no time passed between the readings', () => {
    const same = machineTicksOf(STAT(5, 0, 5));
    assert.equal(idleShare(same, same), 0);
  });

  it("reads this machine's /proc/stat", () => {
    const now = machineTicks();
    assert.ok(now.total > 0 && now.idle >= 0 && now.idle <= now.total);
  });
});

describe('peak RSS (bench)', () => {
  it('starts over from what the process holds now once reset', async () => {
    // 200 MB touched, then freed: buffers this large are mapped on their own and unmapped once collected.
    // The peak stays until it is reset.
    const script = [
      'let a = []; for (let i = 0; i < 4; i++) a.push(Buffer.alloc(50e6, 1)); a = null;',
      'const started = Date.now();',
      "const freed = setInterval(() => { gc(); if (process.memoryUsage().rss < 150e6 || Date.now() - started > 5000) { clearInterval(freed); console.log('freed'); } }, 20);",
      'setTimeout(() => {}, 30000);',
    ].join('\n');
    const child = spawn(process.execPath, ['--expose-gc', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await once(child.stdout!, 'data');
      const before = peakRssMiB(child.pid!);
      assert.ok(before >= 200, `peak ${before} MiB after touching 200 MB`);
      resetPeakRss(child.pid!);
      const after = peakRssMiB(child.pid!);
      assert.ok(after < before - 100, `peak ${after} MiB once reset, from ${before}`);
    } finally {
      child.kill();
    }
  });
});

// Two mappings of the executable, one of a library, one anonymous; a path may hold spaces.
const SMAPS = [
  '00400000-00c00000 r-xp 00000000 08:01 1234                       /usr/bin/node',
  'Size:               8192 kB',
  'Rss:                3000 kB',
  'Pss:                3000 kB',
  '00c00000-00e00000 r--p 00800000 08:01 1234                       /usr/bin/node',
  'Rss:                 500 kB',
  '7f0000000000-7f0000100000 r-xp 00000000 08:01 99                 /usr/lib/my lib.so',
  'Rss:                 700 kB',
  '7f0000200000-7f0000300000 rw-p 00000000 00:00 0 ',
  'Rss:                1024 kB',
  'VmFlags: rd wr mr mw me ac sd',
  '',
].join('\n');

describe('resident memory by file (bench)', () => {
  it("sums the Rss of the file's own mappings only", () => {
    assert.equal(residentKiBOfFile(SMAPS, '/usr/bin/node'), 3500);
    assert.equal(residentKiBOfFile(SMAPS, '/usr/lib/my lib.so'), 700);
    assert.equal(residentKiBOfFile(SMAPS, '/usr/bin/nodejs'), 0);
  });

  it("reads a running process's executable within its resident set", () => {
    const binary = executableResidentMiB(process.pid);
    const resident = residentMiB(process.pid);
    // node's code runs this test, so some of its pages are resident; never more than the whole.
    assert.ok(binary > 0 && binary <= resident, `node binary ${binary} MiB of ${resident} resident`);
  });
});
