import { ConfigError } from '@liangdian/server';
import { type Command, EXIT, UsageError } from './command';
import { attachmentsEncryptCommand, backupCommand, restoreCommand } from './commands/backup';
import { benchCommand } from './commands/bench';
import { calibrateCommand } from './commands/calibrate';
import { configCommand } from './commands/config';
import { erlangCommand } from './commands/erlang';
import { feedCommand } from './commands/feed';
import { recommendCommand } from './commands/recommend';
import { forecastCommand } from './commands/forecast';
import { requirementCommand } from './commands/requirement';
import { simulateCommand } from './commands/simulate';
import {
  auditVerifyCommand,
  complaintsRebuildStatsCommand,
  complaintsReindexCommand,
  demoCommand,
  describeError,
  migrateCommand,
  serveCommand,
  userCreateCommand,
  userResetPasswordCommand,
} from './org-commands';

const COMMANDS: Command[] = [
  serveCommand,
  configCommand,
  migrateCommand,
  demoCommand,
  userCreateCommand,
  userResetPasswordCommand,
  auditVerifyCommand,
  backupCommand,
  restoreCommand,
  attachmentsEncryptCommand,
  complaintsRebuildStatsCommand,
  complaintsReindexCommand,
  erlangCommand,
  simulateCommand,
  recommendCommand,
  benchCommand,
  feedCommand,
  calibrateCommand,
  forecastCommand,
  requirementCommand,
];

function usage(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: liangdian <command> [options]',
    '',
    'Liangdian (四亮点): featured service outlets for a bank branch.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Run `liangdian <command> --help` for the options of one command.',
  ].join('\n');
}

/** Entry point of the `liangdian` command; returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(usage());
    return EXIT.ok;
  }
  // Longest match first, so "user create" wins over a hypothetical "user".
  const cmd = [...COMMANDS]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((w, i) => argv[i] === w));
  if (!cmd) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length) {
      console.log(
        `Usage: liangdian ${argv[0]} <${group.map((c) => c.name.split(' ')[1]).join('|')}> [options]\n`,
      );
      for (const c of group) console.log(`  ${c.name.padEnd(24)} ${c.summary}`);
      return argv[1] === '--help' || argv[1] === '-h' ? EXIT.ok : EXIT.usage;
    }
    console.error(`Unknown command: ${argv[0]}\n\n${usage()}`);
    return EXIT.usage;
  }
  const rest = argv.slice(cmd.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.help);
    return EXIT.ok;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`${e.message}\n\n${cmd.help}`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError) {
      console.error(e.message);
      return EXIT.usage;
    }
    console.error(`liangdian ${cmd.name}: ${describeError(e)}`);
    return EXIT.failure;
  }
}
