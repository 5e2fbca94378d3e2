import type { TwimlElement } from '../../twiml/parse.ts';

/** Speech runs at about 150 words a minute. */
const SECONDS_PER_WORD = 0.4;
/** Switchboard does not download audio: every `<Play>` lasts this long. */
export const PLAY_SECONDS = 5;

const loops = (verb: TwimlElement): number => {
  const loop = Number(verb.attributes.loop ?? '1');
  // loop="0" repeats until hang-up; one pass stands for it in the simulation.
  return Number.isInteger(loop) && loop > 0 ? Math.min(loop, 10) : 1;
};

/** How long a Say, Play or Pause takes, in milliseconds: a pure function of the verb. */
export function verbDurationMs(verb: TwimlElement): number {
  switch (verb.name) {
    case 'Say': {
      const words = verb.text.split(/\s+/).filter((w) => w !== '').length;
      return Math.round((0.5 + words * SECONDS_PER_WORD) * 1000) * loops(verb);
    }
    case 'Play':
      return verb.attributes.digits ? verb.attributes.digits.length * 500 : PLAY_SECONDS * 1000 * loops(verb);
    case 'Pause': {
      const length = Number(verb.attributes.length ?? '1');
      return (Number.isInteger(length) && length > 0 ? length : 1) * 1000;
    }
    default:
      return 0;
  }
}
