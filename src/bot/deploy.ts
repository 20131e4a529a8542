/**
 * `npm run deploy-commands`: registers the slash commands, to DISCORD_GUILD_ID when set (instant, for one server)
 * or globally. `--dry-run` prints the JSON and registers nothing. Run it when the commands change, not on every
 * start: Discord allows 200 command creations a day.
 */
import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { config } from 'dotenv';
import { scrub } from '../log.js';
import { ConfigError, deployConfigSchema, readConfig } from '../config.js';
import { discordDefinitions } from '../interactions/definitions.js';

config({ quiet: true });

async function main(): Promise<void> {
  if (process.argv.includes('--dry-run')) {
    process.stdout.write(`${JSON.stringify(discordDefinitions(), null, 2)}\n`);
    return;
  }
  const cfg = readConfig(deployConfigSchema);
  const rest = new REST(cfg.DISCORD_API_URL ? { api: cfg.DISCORD_API_URL } : {}).setToken(cfg.DISCORD_TOKEN);
  const appId = cfg.DISCORD_APPLICATION_ID!;
  const route = cfg.DISCORD_GUILD_ID ? Routes.applicationGuildCommands(appId, cfg.DISCORD_GUILD_ID) : Routes.applicationCommands(appId);
  try {
    const registered = (await rest.put(route, { body: discordDefinitions() })) as { name: string }[];
    const where = cfg.DISCORD_GUILD_ID ? `server ${cfg.DISCORD_GUILD_ID}` : 'all servers (global commands can take up to an hour to appear)';
    process.stdout.write(`Registered ${registered.length} commands for ${where}: ${registered.map((c) => `/${c.name}`).join(' ')}\n`);
  } catch (error) {
    process.stderr.write(`Could not register the commands: ${scrub(String((error as Error)?.message ?? error), [cfg.DISCORD_TOKEN])}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Unexpected error: ${(error as Error)?.message}`}\n`);
  process.exit(1);
});
