// massive: T promises, each resolved by a timer after d, all awaited;
// prints how many woke and the rise of the process's peak resident memory
// over its resident memory before the first task, per task, as
// pyvs_py.massive does.
//
//     node massive.js TASKS SLEEP_MS
'use strict';
const fs = require('fs');

// VmRSS and VmHWM of this process, in bytes.
function status() {
  const figures = {};
  for (const line of fs.readFileSync('/proc/self/status', 'utf8').split('\n')) {
    const [key, value] = line.split(':');
    if (key === 'VmRSS' || key === 'VmHWM') figures[key] = parseInt(value, 10) * 1024;
  }
  return figures;
}

async function main() {
  if (process.argv.length !== 4) {
    process.stderr.write('usage: node massive.js TASKS SLEEP_MS\n');
    process.exit(2);
  }
  const tasks = parseInt(process.argv[2], 10);
  const sleepMS = parseInt(process.argv[3], 10);
  // Reset the peak to the resident memory now (clear_refs 5).
  try { fs.writeFileSync('/proc/self/clear_refs', '5'); } catch (error) { /* not allowed here: the peak so far stands */ }
  const before = status();
  const sleepers = [];
  for (let i = 0; i < tasks; i++) sleepers.push(new Promise((resolve) => setTimeout(() => resolve(1), sleepMS)));
  const woke = (await Promise.all(sleepers)).reduce((sum, one) => sum + one, 0);
  if (woke !== tasks) {
    process.stderr.write(`${woke} of ${tasks} tasks woke\n`);
    process.exit(1);
  }
  const perTask = Math.max(0, status().VmHWM - before.VmRSS) / tasks;
  process.stdout.write(JSON.stringify({ result: `${tasks} tasks woke`, metrics: { resident_per_task_bytes: perTask } }) + '\n');
}

main();
