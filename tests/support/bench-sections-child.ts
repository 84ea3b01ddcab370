// A section's process for tests/integration/bench-sections.test.ts: `node bench-sections-child.ts N`
// runs the Nth test section as `shomei bench --section N` runs the Nth real one.
import { runSectionHere } from '../../electron/cli/bench-sections';
import { TEST_SECTIONS } from './bench-test-sections';

const section = TEST_SECTIONS[Number(process.argv[2])];
if (section) await runSectionHere(section);
