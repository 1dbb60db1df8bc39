# Sourced by the install scripts: apt_install PACKAGE… installs Debian packages as root, or through sudo.
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "apt_install: need $* but this user cannot install packages (no root, no sudo)" >&2; return 1; }
    sudo="sudo"
  fi
  echo "apt_install: installing $* with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq "$@" >&2
}
