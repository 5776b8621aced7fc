// The entry of the dist/cli.mjs bundle (scripts/build.mjs): runs the command line's main module and
// exits with its code; every command it lists is in the bundle.
import { main } from '../electron/core/cli/main';

process.exit(await main(process.argv.slice(2)));
