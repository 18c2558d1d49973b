/** Longest wan3.0 prompt. The server silently truncates longer ones; the SDK refuses them instead. */
export const WAN30_PROMPT_MAX = 20_000;
/** Longest wan3.0 output, in seconds. */
export const WAN30_MAX_DURATION = 30;
/** `duration: -1` asks for smart duration: the model picks the length (credits are held for 30 s, then settled). */
export const SMART_DURATION = -1;
