// Builds static/nhsuk/ from nhsuk-frontend's sources: `make frontend` (README, "Front end").
//
// 1. The script: esbuild bundles nhsuk.mjs (only the components the templates use).
// 2. The stylesheet: Sass compiles nhsuk.scss (core and the components the templates use), then
//    every rule is dropped whose selector needs an `nhsuk-` class that nothing uses: not the
//    templates, app modules or site scripts (nhsuk_classes.py), nor the bundled script (classes
//    it sets at run time). Element selectors and everything else stay.
// 3. The images the stylesheet and base.html refer to, and the licence.
// 4. build.json: hashes of the sources and of what was built, so tests/test_frontend_build.py
//    fails when the committed build is stale, and the used names NHS.UK frontend does not style.
// The output is committed: running or testing the site never needs Node.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as esbuild from 'esbuild'
import postcss from 'postcss'
import selectorParser from 'postcss-selector-parser'
import * as sass from 'sass'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = dirname(HERE)
const OUT = join(ROOT, 'static', 'nhsuk')
const PACKAGE = join(HERE, 'node_modules', 'nhsuk-frontend')
const INPUTS = ['build.mjs', 'nhsuk.mjs', 'nhsuk.scss', 'nhsuk_classes.py', 'package.json', 'package-lock.json']
const FAVICONS = ['favicon.svg', 'favicon.ico']
const NAME = /nhsuk-[a-z0-9_-]*[a-z0-9]/g

function usedClasses () {
  const python = process.env.PYTHON || 'python3'
  return JSON.parse(execFileSync(python, [join(HERE, 'nhsuk_classes.py')], { encoding: 'utf8' }))
}

async function buildScript () {
  const result = await esbuild.build({
    entryPoints: [join(HERE, 'nhsuk.mjs')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    legalComments: 'none',
    write: false
  })
  return result.outputFiles[0].text
}

// Inside these a class need not be on the page for the selector to match: `:not(.nhsuk-label--m)`
// matches where nothing uses it, and `:is(.a, .b)` needs only one of its names.
const OPTIONAL = new Set([':not', ':is', ':where', ':matches'])

function optional (node) {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'pseudo' && OPTIONAL.has(parent.value.toLowerCase())) return true
  }
  return false
}

// Keep a selector unless it needs an `nhsuk-` class outside `keep`.
function purge (css, keep) {
  const needed = selectorParser((selectors) => {
    selectors.each((selector) => {
      let unused = false
      selector.walkClasses((node) => {
        if (node.value.startsWith('nhsuk-') && !keep.has(node.value) && !optional(node)) unused = true
      })
      if (unused) selector.remove()
    })
  })
  const root = postcss.parse(css)
  root.walkRules((rule) => {
    if (rule.parent.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return
    const kept = needed.processSync(rule.selector)
    if (kept.trim()) rule.selector = kept
    else rule.remove()
  })
  // Media queries, @supports and the like left with nothing in them.
  let emptied = true
  while (emptied) {
    emptied = false
    root.walkAtRules((atRule) => {
      if (atRule.nodes && atRule.nodes.length === 0) {
        atRule.remove()
        emptied = true
      }
    })
  }
  return root.toString()
}

async function buildStylesheet (keep) {
  const compiled = sass.compile(join(HERE, 'nhsuk.scss'), {
    style: 'expanded',
    importers: [new sass.NodePackageImporter(HERE)],
    quietDeps: true
  }).css
  const result = await esbuild.transform(purge(compiled, keep), { loader: 'css', minify: true, legalComments: 'none' })
  return result.code
}

function classesIn (css) {
  return new Set([...css.matchAll(/\.(nhsuk-[a-zA-Z0-9_-]+)/g)].map((match) => match[1]))
}

function sha256 (path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

function filesUnder (dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

async function main () {
  const used = usedClasses()
  const script = await buildScript()
  const keep = new Set([...used, ...(script.match(NAME) || [])])
  const stylesheet = await buildStylesheet(keep)
  const styled = classesIn(stylesheet)
  const images = new Set([...stylesheet.matchAll(/url\("?assets\/images\/([^")]+)"?\)/g)].map((m) => m[1]))
  FAVICONS.forEach((name) => images.add(name))

  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(join(OUT, 'assets', 'images'), { recursive: true })
  writeFileSync(join(OUT, 'nhsuk.min.js'), script)
  writeFileSync(join(OUT, 'nhsuk.min.css'), stylesheet)
  for (const name of [...images].sort()) {
    copyFileSync(join(PACKAGE, 'dist', 'nhsuk', 'assets', 'images', name), join(OUT, 'assets', 'images', name))
  }
  copyFileSync(join(HERE, 'nhsuk-frontend.LICENSE'), join(OUT, 'LICENSE'))

  const version = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')).version
  const unstyled = used.filter((name) => !styled.has(name)).sort()
  const hashes = (paths) => Object.fromEntries(paths.map((path) => [relative(ROOT, path), sha256(path)]))
  const manifest = {
    'nhsuk-frontend': version,
    command: 'make frontend',
    inputs: hashes(INPUTS.map((name) => join(HERE, name))),
    outputs: hashes(filesUnder(OUT)),
    unstyled
  }
  writeFileSync(join(OUT, 'build.json'), JSON.stringify(manifest, null, 2) + '\n')

  console.log(`static/nhsuk/: nhsuk-frontend ${version}, CSS ${stylesheet.length} bytes, JS ${script.length} bytes`)
  if (unstyled.length) {
    console.log(`used but not styled by NHS.UK frontend (check the names): ${unstyled.join(' ')}`)
  }
}

await main()
