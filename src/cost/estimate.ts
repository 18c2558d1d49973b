import { type BilledSeconds, type BillingInput, billedSeconds, round } from './billing.js';
import { EVOLINK_PRICES, type PriceTable, type Quality, type SecondPrice } from './prices.js';

/**
 * What a request will cost, known before anything is uploaded or created. Seconds follow the model's documented
 * billing rules; USD is given only where a price is documented (wan2.7 on EvoLink) or configured (`prices`).
 */
export interface CostEstimate {
  /** The model the request goes to. */
  model: string;
  /** The quality billed (the request's, or the default 720p). */
  quality: Quality;
  /** Seconds billed: input video seconds (reference and edit clips) plus output seconds. */
  billedSeconds: number;
  /** Of which, seconds of input video. */
  inputSeconds: number;
  /** Of which, seconds of output (the hold, for wan3.0's smart duration). */
  outputSeconds: number;
  /** The most the task can be billed, in seconds: `billedSeconds` when `exact`, else within the documented limits. */
  maxBilledSeconds: number;
  /** The estimated price in USD, `undefined` when no price is known for this model and quality. */
  usd: number | undefined;
  /** The most it can cost in USD (at `maxBilledSeconds`), `undefined` without a price. */
  maxUsd: number | undefined;
  /** The price used, USD per second, `undefined` without one. */
  usdPerSecond: number | undefined;
  /** `true` when every input length is known, so `billedSeconds` is what the docs' rules give. */
  exact: boolean;
  /** Input fields whose length could not be known (e.g. `video_urls[0]`, a remote clip not checked). */
  unknownInputs: string[];
  /** Which price table was used: `configured` (the `prices` option), `evolink` (built in), or `none`. */
  basis: 'configured' | 'evolink' | 'none';
  /** Where the price comes from, in words. */
  priceSource: string | undefined;
  /** What the figure assumes: defaults applied, caps, holds. */
  notes: string[];
  /** `false` where the docs say failed tasks are not billed (reference-video, video-edit, wan3.0). */
  failedTasksBilled: boolean;
  /**
   * What may make the video miss the request, though it is valid: a reference prompt naming a material that does not
   * exist ("Image 4" with two images) or the other provider's naming. The create logs the same lines at `warn`.
   */
  warnings: string[];
}

/** Where prices come from for an estimate. */
export interface PricingOptions {
  /** The user's prices, consulted first. */
  prices?: PriceTable | undefined;
  /** The provider serving the request: the built-in table holds EvoLink's prices only. */
  provider: string;
}

/** The estimate for a validated request. */
export function estimateFrom(input: BillingInput, pricing: PricingOptions): CostEstimate {
  const seconds = billedSeconds(input);
  const { price, basis, source } = priceFor(input.model, seconds.quality, pricing);
  const perSecond =
    price === undefined
      ? undefined
      : typeof price === 'number'
        ? price
        : input.params.generate_audio === false
          ? price.silent
          : price.withAudio;
  const billed = round(seconds.inputSeconds + seconds.outputSeconds);
  return {
    model: input.model,
    quality: seconds.quality,
    billedSeconds: billed,
    inputSeconds: seconds.inputSeconds,
    outputSeconds: seconds.outputSeconds,
    maxBilledSeconds: seconds.maxSeconds,
    usd: perSecond === undefined ? undefined : usdOf(billed, perSecond),
    maxUsd: perSecond === undefined ? undefined : usdOf(seconds.maxSeconds, perSecond),
    usdPerSecond: perSecond,
    exact: seconds.unknownInputs.length === 0,
    unknownInputs: seconds.unknownInputs,
    basis,
    priceSource: source,
    notes: seconds.notes,
    failedTasksBilled: seconds.failedTasksBilled,
    warnings: [],
  };
}

/** USD rounded to a hundredth of a cent: `10 × 0.086` is 0.86, not 0.8599999999999999. */
function usdOf(seconds: number, perSecond: number): number {
  return round(seconds * perSecond, 4);
}

function priceFor(
  model: string,
  quality: Quality,
  { prices, provider }: PricingOptions,
): { price: SecondPrice | undefined; basis: CostEstimate['basis']; source: string | undefined } {
  const configured = prices?.[model]?.[quality];
  if (configured !== undefined) return { price: configured, basis: 'configured', source: 'the prices option' };
  const builtIn = provider === 'evolink' ? EVOLINK_PRICES.prices[model]?.[quality] : undefined;
  if (builtIn !== undefined) return { price: builtIn, basis: 'evolink', source: EVOLINK_PRICES.source };
  return { price: undefined, basis: 'none', source: undefined };
}

export type { BilledSeconds };
