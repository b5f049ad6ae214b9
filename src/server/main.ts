// Entry point: read config, open and migrate the store, create the first administrator (printing its
// one-time password once) and seed the demo ward on an empty server, purge the audit log beyond its
// retention (at start, then daily), listen, and shut down cleanly on SIGINT/SIGTERM (a second signal
// forces exit).
import { createServer } from './app';
import { startAuditRetention } from './audit/retention';
import { DEMO_OFFICER, bootstrap } from './auth/bootstrap';
import { loadConfig } from './config';
import { bootLog, errorFields, loggerOptions, printFatal, printOneTimePassword } from './log';
import { DEMO_WARD, openStore, type Store } from './store';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    printFatal(loaded.message);
    process.exit(1);
  }
  const { config } = loaded;
  const log = bootLog(config.logLevel);

  let store: Store;
  try {
    log.info(
      config.databaseUrl ? 'opening PostgreSQL' : 'opening PGlite (a new data folder takes a few seconds)',
      {
        ...(config.databaseUrl ? {} : { dataDir: config.dataDir }),
      },
    );
    store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onIdleError: (error) => log.error('idle database connection failed', errorFields(error)),
    });
  } catch (error) {
    log.error('cannot open the database', errorFields(error));
    process.exit(1);
  }

  try {
    const { applied } = await store.migrate();
    if (applied.length > 0) log.info('migrations applied', { applied });
    const started = await bootstrap(store, { seedDemo: config.seedDemo });
    if (started.admin !== undefined) {
      log.info('created the first administrator', { username: started.admin.account.username });
      printOneTimePassword(started.admin.account.username ?? '', started.admin.password);
    }
    if (started.seededDemo) {
      log.info(`seeded the demo ward ${DEMO_WARD.code} and its demo officer`, {
        username: DEMO_OFFICER.username,
      });
    }
  } catch (error) {
    log.error('cannot prepare the database', errorFields(error));
    await store.close();
    process.exit(1);
  }

  const app = createServer({
    store,
    logger: loggerOptions(config.logLevel),
    staticDir: config.staticDir,
    trustProxy: config.trustProxy,
    auditRetentionDays: config.auditRetentionDays,
  });
  const stopPurge = await startAuditRetention(store, config.auditRetentionDays, log);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.error(`second ${signal}: forcing exit`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal} received: shutting down`);
    stopPurge();
    app
      .close()
      .then(() => store.close())
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error('error during shutdown', errorFields(error));
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info({ url: address, db: store.kind }, `ward server ready at ${address}`);
  } catch (error) {
    app.log.fatal({ err: error }, 'cannot listen');
    await store.close();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  printFatal(
    `ward server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
