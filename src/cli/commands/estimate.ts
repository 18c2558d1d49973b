import type { CostEstimate } from '../../cost/estimate.js';
import { ValidationError } from '../../errors/index.js';
import { CLIENT_FLAGS, COMMON_FLAGS, parseFlags } from '../args.js';
import { clientNamingVariables } from '../client-env.js';
import { providerFrom } from '../provider-env.js';
import { COMMAND_INFO } from './info.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { toFlagValidationError } from '../flag-messages.js';
import { localMediaIn } from '../media-flags.js';
import { COMMON_ROWS, EXIT_CODES_SECTION, PROVIDER_ROW, renderHelp } from '../help.js';
import { paramFlags, paramOptions, paramsFromFlags } from '../schema-flags.js';
import { chooseModel } from './generate.js';
import { type GenerationSpec, modelsOf } from './generation-spec.js';

const OWN_FLAGS = { ...COMMON_FLAGS, ...CLIENT_FLAGS, model: { type: 'string' } } as const;

/** What a price is based on, in words. */
function basisText(e: CostEstimate): string {
  if (e.basis === 'none') return `no published price for ${e.model} at ${e.quality}: set one with the SDK's prices option`;
  return e.basis === 'configured' ? 'configured price' : `EvoLink's published price, $${e.usdPerSecond}/s`;
}

/** `10 s at 720p = $0.86 (…)`, with the range where an input clip's length is unknown. */
export function describeEstimate(e: CostEstimate): string {
  const seconds = e.exact ? `${e.billedSeconds} s` : `${e.billedSeconds}–${e.maxBilledSeconds} s`;
  const usd = e.usd === undefined ? '' : e.exact ? ` = $${e.usd}` : ` = $${e.usd}–$${e.maxUsd}`;
  const unknown = e.exact ? '' : `; the length of ${e.unknownInputs.join(', ')} is not known`;
  return `${e.model}: ${seconds} at ${e.quality}${usd} (${basisText(e)}${unknown})`;
}

function help(specs: readonly GenerationSpec[]): string {
  return renderHelp(
    'evolink-wan estimate <kind> [--model <id>] [model flags]',
    'what a generation would cost, by the model’s documented billing rules; nothing is sent and no key is needed',
    [
      { title: 'Kinds', rows: specs.map((s) => [s.alias ? `${s.name} (${s.alias})` : s.name, s.summary]) },
      {
        title: 'Options',
        rows: [
          ['--model <id>', "the model (the kind's default when omitted; required for generate)"],
          ['model flags', 'the same parameters as the generation command, e.g. --prompt, --duration, --quality'],
          PROVIDER_ROW,
          ...COMMON_ROWS,
        ],
      },
      EXIT_CODES_SECTION,
    ],
  );
}

/** `evolink-wan estimate <kind> [flags]`: the cost of a generation, before anything is sent. */
export function estimateCommand(specs: readonly GenerationSpec[]): Command {
  return {
    ...COMMAND_INFO.estimate,
    async run(context: CommandContext) {
      const [kind, ...rest] = context.args;
      const spec = specs.find((s) => s.name === kind || s.alias === kind);
      if (kind === undefined || kind === '--help' || kind === '-h') {
        context.printHelp(help(specs));
        return kind === undefined ? 2 : 0;
      }
      if (!spec)
        throw new UsageError(
          `estimate takes a kind of generation first: ${specs.map((s) => s.alias ?? s.name).join(', ')}; got "${kind}".`,
        );
      const models = modelsOf(spec);
      const { values } = parseFlags(rest, { ...OWN_FLAGS, ...paramOptions(models) });
      if (values.help) {
        context.printHelp(help(specs));
        return 0;
      }
      const model = chooseModel(spec, values, models);
      if (model === undefined) throw new UsageError(`estimate ${spec.name} needs --model <id>; one of: ${models.join(', ')}.`);
      // Local paths become fileFrom(path), as in the generation commands: the estimate measures their length.
      const { params } = localMediaIn({ ...paramsFromFlags(model, values, models), model }, model);
      // The estimate sends nothing, so it needs no key: the client is made only to run the same validation as a create.
      const client = clientNamingVariables(providerFrom(values, context.env), { apiKey: 'estimate-only-sends-nothing' });
      try {
        const estimate = await client.estimateCost(params as never);
        if (context.ui.json) context.ui.data(estimate);
        else context.ui.result(describeEstimate(estimate));
        // Valid, but the video may miss the request (a prompt naming a reference that does not exist): said, not refused.
        if (!context.ui.json) for (const warning of estimate.warnings) context.ui.note(`warning: ${warning}`);
        return 0;
      } catch (error) {
        throw error instanceof ValidationError
          ? toFlagValidationError(
              error,
              paramFlags(model).map((p) => p.field),
            )
          : error;
      } finally {
        await client.close();
      }
    },
  };
}
