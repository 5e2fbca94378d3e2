/** A progress bar on stderr: redrawn in place on a terminal, a line per tenth otherwise. */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  let started: number | undefined;
  let lastTenth = -1;
  return {
    update(done: number) {
      // The clock starts at the first report, so a bar that waits its turn shows its own rate.
      started ??= Date.now();
      const fraction = total === 0 ? 1 : done / total;
      const elapsed = (Date.now() - started) / 1000;
      const rate = elapsed > 0 ? Math.round(done / elapsed) : 0;
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      const width = 30;
      const filled = Math.round(fraction * width);
      const line = `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}  ${rate > 0 ? `${rate.toLocaleString('en-US')}/s  ETA ${eta}s` : '…'}`;
      if (stream.isTTY) stream.write(`\r${line}`);
      else if (Math.floor(fraction * 10) > lastTenth) {
        lastTenth = Math.floor(fraction * 10);
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
