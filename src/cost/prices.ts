/** An output quality a Wan model can be asked for. */
export type Quality = '480p' | '720p' | '1080p';

/**
 * USD per billed second: one number, or one for videos with sound and one for silent videos (wan2.6's flash models
 * charge less for `generate_audio: false`).
 */
export type SecondPrice = number | { withAudio: number; silent: number };

/**
 * Prices by model id and quality, e.g. `{ 'wan2.6-text-to-video': { '720p': 0.1, '1080p': 0.15 } }`. A model or
 * quality missing from the table has no known price.
 */
export type PriceTable = Readonly<Record<string, Readonly<Partial<Record<Quality, SecondPrice>>>>>;

/** Where a price table came from, for {@link CostEstimate.basis}-style reporting. */
export interface PriceList {
  /** The table itself. */
  readonly prices: PriceTable;
  /** Where its numbers come from, and as of when. */
  readonly source: string;
}

const WAN27 = { '720p': 0.086, '1080p': 0.144 } as const;

/**
 * EvoLink's documented per-second prices. Only wan2.7 has absolute prices in the docs; wan3.0 documents only ratios
 * (480p ×1, 720p ×2, 1080p ×4) and wan2.6 only "higher price" for 1080p and for sound, so they are not guessed here:
 * configure them with the `prices` client option. A price change is a one-line edit of this table.
 */
export const EVOLINK_PRICES: PriceList = {
  source: "EvoLink's Wan 2.7 API guide, §7 'Pricing and cost math' (2026-05-22): $0.086/s at 720p, $0.144/s at 1080p",
  prices: {
    'wan2.7-text-to-video': WAN27,
    'wan2.7-image-to-video': WAN27,
    'wan2.7-reference-video': WAN27,
    'wan2.7-video-edit': WAN27,
  },
};
