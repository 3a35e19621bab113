#!/usr/bin/env bash
# Install everything the end-to-end suite (test/e2e/run.mjs) needs, on Debian 12:
#
#   * apt: chromium (the browser playwright-core drives), libkrb5-dev + python3 +
#     make + g++ (code-server's native modules are compiled with node-gyp),
#     ripgrep (stands in for @vscode/ripgrep, whose installer downloads from GitHub);
#   * code-server 4.100.3 (VS Code 1.100.3, the newest release that runs on Node 20)
#     and playwright-core, into a tools directory OUTSIDE the repository.
#
# Idempotent: when everything is already there it only checks and returns (well
# under a second). A cold install takes a few minutes (apt ~1.5 min, code-server
# ~2 min: about ten native modules are built).
#
#   E2E_TOOLS_DIR   tools directory (default: $HOME/.cache/falco-rules-e2e)
#   E2E_SKIP_APT=1  do not touch apt (the packages are known to be there)
#   E2E_FORCE=1     reinstall code-server and playwright-core even if up to date
#
# Run as root (or with sudo available for apt). Needs Node 20 + npm on PATH and
# access to the npm registry and the Debian apt repositories, nothing else.
# test/e2e/run.mjs finds the tools through the same E2E_TOOLS_DIR default.
set -euo pipefail

TOOLS="${E2E_TOOLS_DIR:-$HOME/.cache/falco-rules-e2e}"
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
APT_PKGS=(chromium libkrb5-dev ripgrep python3 make g++)
WANT="code-server=$CODE_SERVER_VERSION playwright-core=$PLAYWRIGHT_VERSION node=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
STAMP="$TOOLS/.installed"
CS_DIR="$TOOLS/code-server"
DRIVER_DIR="$TOOLS/driver"
ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

log() { printf '[install-e2e %s] %s\n' "$(date +%T)" "$*"; }
die() { printf '[install-e2e] ERROR: %s\n' "$*" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 && SUDO="sudo"
fi

command -v node >/dev/null 2>&1 || die "node is not on PATH (Node 20 required)"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] \
  || die "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node -v))"

# ---- 1. Debian packages (apt-get update only when something is missing).
apt_missing() {
  local p
  for p in "${APT_PKGS[@]}"; do
    # dpkg -s also lists removed-but-configured packages: check the status line.
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}
if [ "${E2E_SKIP_APT:-0}" != 1 ]; then
  mapfile -t missing < <(apt_missing)
  if [ "${#missing[@]}" -gt 0 ]; then
    [ "$(id -u)" = 0 ] || [ -n "$SUDO" ] || die "apt packages missing (${missing[*]}) and neither root nor sudo"
    log "apt-get update + install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
    log "apt done"
  fi
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing (apt package chromium)"
command -v rg >/dev/null 2>&1 || die "rg missing (apt package ripgrep)"

# ---- 2. Fast path: same versions already installed and loadable.
up_to_date() {
  [ -z "${E2E_FORCE:-}" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] \
    && [ -f "$ENTRY" ] && [ -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
    && [ -f "$DRIVER_DIR/node_modules/playwright-core/package.json" ]
}
if up_to_date; then
  log "up to date ($WANT) in $TOOLS"
  exit 0
fi

mkdir -p "$TOOLS"
# One installer at a time (two test runs started together must not both build).
exec 9>"$TOOLS/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if up_to_date; then log "installed meanwhile by another process"; exit 0; fi
fi
rm -f "$STAMP"

# Settings for every npm call below, independent of the user's ~/.npmrc:
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-gyp must use the installed Node's headers (offline: never download them).
NODE_PREFIX="$(dirname "$(dirname "$(command -v node)")")"
export npm_config_nodedir="${npm_config_nodedir:-$NODE_PREFIX}"
[ -f "$npm_config_nodedir/include/node/node_version.h" ] \
  || die "no Node headers in $npm_config_nodedir/include/node (set npm_config_nodedir to a Node 20 install with include/node)"
# node-pty's postinstall runs `npx node-gyp`; a `yes=false` in ~/.npmrc makes npx refuse.
export npm_config_yes=true
# npm 11: run dependency install scripts (a user/CI config may make allowScripts strict).
export npm_config_strict_allow_scripts=false
# code-server 4.100.x's postinstall refuses to run as root without it.
export npm_config_unsafe_perm=true
# playwright-core never downloads browsers itself; be explicit anyway.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# ---- 3. playwright-core (never `playwright`/@playwright/browser-*: they download browsers).
if [ -n "${E2E_FORCE:-}" ] || [ "$(node -p "require('$DRIVER_DIR/node_modules/playwright-core/package.json').version" 2>/dev/null || true)" != "$PLAYWRIGHT_VERSION" ]; then
  log "playwright-core@$PLAYWRIGHT_VERSION -> $DRIVER_DIR"
  rm -rf "$DRIVER_DIR"; mkdir -p "$DRIVER_DIR"
  cat > "$DRIVER_DIR/package.json" <<EOF
{ "name": "falco-rules-e2e-driver", "private": true, "version": "1.0.0",
  "dependencies": { "playwright-core": "$PLAYWRIGHT_VERSION" } }
EOF
  (cd "$DRIVER_DIR" && npm install --no-package-lock --loglevel=error)
fi

# ---- 4. code-server, built in a staging directory and moved into place only
#         when complete, so an interrupted install never looks installed.
if [ -n "${E2E_FORCE:-}" ] || [ ! -f "$ENTRY" ] || [ "$(node -p "require('$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true)" != "$CODE_SERVER_VERSION" ]; then
  STAGE="$TOOLS/code-server.partial"
  log "code-server@$CODE_SERVER_VERSION -> $CS_DIR (native builds: a few minutes; log: $STAGE/install.log)"
  rm -rf "$STAGE"; mkdir -p "$STAGE"
  cat > "$STAGE/package.json" <<EOF
{ "name": "falco-rules-e2e-code-server", "private": true, "version": "1.0.0",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" } }
EOF
  (
    cd "$STAGE"
    # a) unpack code-server and its dependencies without running any script
    npm install --ignore-scripts --no-package-lock --loglevel=error > install.log 2>&1 \
      || { tail -40 install.log >&2; die "npm install code-server failed"; }
    # b) @vscode/ripgrep's postinstall downloads rg from api.github.com and fails
    #    offline, failing the nested `npm install` of code-server's postinstall.
    #    Deny that single script (npm 11 allowScripts); Debian's rg is linked below.
    node -e '
      const fs = require("fs"); const f = process.argv[1];
      const p = JSON.parse(fs.readFileSync(f, "utf8"));
      p.allowScripts = Object.assign({}, p.allowScripts, { "@vscode/ripgrep": false });
      fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");' \
      "$STAGE/node_modules/code-server/lib/vscode/package.json"
    # c) run the install scripts: argon2 (prebuilt download fails, falls back to a
    #    node-gyp build) and code-server's postinstall (npm install --omit=dev in
    #    lib/vscode: spdlog, node-pty, kerberos, sqlite3, ... built with node-gyp).
    npm rebuild --foreground-scripts --loglevel=error >> install.log 2>&1 \
      || { tail -60 install.log >&2; die "code-server postinstall failed (log: $STAGE/install.log)"; }
  )
  RG_PKG="$STAGE/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep"
  [ -d "$RG_PKG" ] || die "unexpected layout: $RG_PKG missing"
  mkdir -p "$RG_PKG/bin"
  ln -sfn "$(command -v rg)" "$RG_PKG/bin/rg"
  # The native modules must load in the Node that runs code-server.
  (cd "$STAGE/node_modules/code-server/lib/vscode" && node -e '
    for (const m of ["@vscode/spdlog", "node-pty", "@vscode/sqlite3", "kerberos"]) {
      try { require.resolve("./node_modules/" + m); } catch { continue; }
      require("./node_modules/" + m);
    }') || die "code-server native modules do not load in $(node -v)"
  rm -rf "$CS_DIR"
  mv "$STAGE" "$CS_DIR"
fi
RG_LINK="$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
if [ ! -x "$RG_LINK" ]; then mkdir -p "$(dirname "$RG_LINK")"; ln -sfn "$(command -v rg)" "$RG_LINK"; fi
# Keep code-server from writing ~/.config/code-server/config.yaml and ~/.local/share/code-server.
version_out="$(CODE_SERVER_CONFIG="$TOOLS/state/config.yaml" XDG_DATA_HOME="$TOOLS/state" XDG_CONFIG_HOME="$TOOLS/state" \
  node "$ENTRY" --version 2>&1)" \
  || { echo "$version_out" >&2; die "code-server does not start"; }
log "code-server $(echo "$version_out" | tail -1)"

echo "$WANT" > "$STAMP"
log "done: $(du -sh "$TOOLS" 2>/dev/null | cut -f1) in $TOOLS"
