/**
 * The waiting room's call chime, made with the Web Audio API (no audio file): two soft tones, high then low, like
 * the "ding-dong" people know from waiting rooms. Browsers keep audio silent until a person has touched the page,
 * so the display asks once ("Attiva audio") and remembers the choice.
 */
export const AUDIO_STORAGE = 'sportello.desk.audio';

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audioContextClass(): AudioContextClass | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

export const audioSupported = () => audioContextClass() !== null;

export function audioWanted(): boolean {
  try {
    return window.localStorage.getItem(AUDIO_STORAGE) === 'on';
  } catch {
    return false;
  }
}

export function rememberAudio(on: boolean) {
  try {
    window.localStorage.setItem(AUDIO_STORAGE, on ? 'on' : 'off');
  } catch {
    // the choice then lasts until the page is reloaded
  }
}

/**
 * Makes (or wakes) the audio context. Called from a click it always works; called at load with the remembered
 * choice it may stay suspended until someone touches the page: the answer says whether sound can play now.
 */
export async function unlockAudio(): Promise<boolean> {
  const Ctx = audioContextClass();
  if (!Ctx) return false;
  context ??= new Ctx();
  if (context.state === 'suspended') {
    try {
      await context.resume();
    } catch {
      return false;
    }
  }
  return context.state === 'running';
}

export const audioRunning = () => context?.state === 'running';

/** One bell-like tone: a quick rise, then a long exponential fade, with a quiet octave above for colour. */
function tone(ctx: AudioContext, frequency: number, start: number, length: number) {
  const gain = ctx.createGain();
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.35, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  gain.connect(ctx.destination);
  for (const [multiple, level] of [[1, 1], [2, 0.25]] as const) {
    const osc = ctx.createOscillator();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(frequency * multiple, start);
    const partial = ctx.createGain();
    partial.gain.value = level;
    osc.connect(partial).connect(gain);
    osc.start(start);
    osc.stop(start + length + 0.05);
  }
}

/** Plays the two-tone chime if sound is switched on and unlocked; silent otherwise. */
export function playChime() {
  if (!context || context.state !== 'running' || !audioWanted()) return;
  const now = context.currentTime + 0.05;
  tone(context, 880, now, 0.9); // A5
  tone(context, 659.25, now + 0.45, 1.3); // E5
}
