#!/usr/bin/env node
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { main } from './program.js';

endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv);
