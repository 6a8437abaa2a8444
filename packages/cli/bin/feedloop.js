#!/usr/bin/env node
// Kept in the repository (not built) so npm can link the `feedloop` command before the first build.
import '../dist/bin.js';
