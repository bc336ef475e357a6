import { checkConfig, configMarkdownTable, SETTINGS } from '@liangdian/server';
import { command, EXIT } from '../command';

/** What an operator may see of a setting: secrets and passwords are never printed. */
function shown(env: string, value: string | undefined): string {
  if (value === undefined || value === '') return '(default)';
  if (env === 'LIANGDIAN_SECRET_KEY' || env === 'LIANGDIAN_DEMO_PASSWORD') return '(set)';
  if (env === 'DATABASE_URL') return value.replace(/\/\/[^@]*@/, '//***@');
  return value;
}

export const configCommand = command({
  name: 'config',
  summary: 'Check the configuration and show each setting (or the README table)',
  help: `Usage: liangdian config [--markdown]

Reads the configuration from the environment as the server would, reports every invalid
setting at once (exit 2), and lists each variable with its value or "(default)"; secrets are
never printed.

Options:
  --markdown   print the README's configuration table, generated from the declarations`,
  booleans: ['markdown'],
  async run(values) {
    if (values.markdown) {
      console.log(configMarkdownTable());
      return EXIT.ok;
    }
    checkConfig(); // throws ConfigError naming each invalid variable (the CLI prints it, exit 1)
    const w = Math.max(...Object.values(SETTINGS).map((s) => s.env.length));
    for (const s of Object.values(SETTINGS))
      console.log(`${s.env.padEnd(w)}  ${shown(s.env, process.env[s.env])}`);
    return EXIT.ok;
  },
});
