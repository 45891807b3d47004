// Tests and the browser preview run under Node and need better-sqlite3 built for Node's ABI.
// The Electron app uses its own copy (build/native/electron, see scripts/native.mjs), so this
// only repairs a node_modules that someone rebuilt for Electron by hand.
import { execSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

function loads() {
  try {
    const Database = require('better-sqlite3')
    new Database(':memory:').close()
    return true
  } catch (error) {
    console.warn(
      `better-sqlite3 does not load under Node ${process.version}: ${error.message.split('\n')[0]}`,
    )
    return false
  }
}

if (!loads()) {
  console.warn('Rebuilding better-sqlite3 for Node…')
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' })
  if (!loads()) process.exit(1)
}
