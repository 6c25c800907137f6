#!/usr/bin/env bash
# Installs the Debian packages Fiona's tests and benchmarks talk to (real peers, no mocks):
# DCMTK (clinical side; also JPEG lossless encoding for cleaned pixels), Orthanc (research PACS), dcm2niix,
# tesseract with English data (OCR of burned-in text), chromium, gdcm tools (and with them GDCM's PS3.3 XML;
# also decoding what no in-process codec reads), dicom3tools (dciodvfy, the IOD validator the
# de-identification tests check output with), orthanc-wsi with OpenSlide (whole-slide TIFF/SVS → DICOM WSI
# uploads), openssh-server (the SFTP server the export outbox tests start on a free port), HAProxy (the load
# balancer in front of several nodes), the fonts the burned-in test image generator draws with, the build
# tools better-sqlite3 may need, OpenLDAP's slapd and client tools (the directory sign-in tests start their
# own slapd from a generated config in a temporary folder; the system service is not used) and
# python3-aiosmtpd (the SMTP server notification tests read mail from). Idempotent: installs only what is missing.
set -euo pipefail
need=()
check() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }
check storescu dcmtk
check Orthanc orthanc
check dcm2niix dcm2niix
check tesseract tesseract-ocr
check chromium chromium
check gdcmanon libgdcm-tools
check dciodvfy dicom3tools
check OrthancWSIDicomizer orthanc-wsi
check g++ build-essential
check python3 python3
check slapd slapd
check ldapadd ldap-utils
# The SMTP server the notification tests deliver to (Debian's python3, not a pyenv one on PATH).
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
check /usr/sbin/sshd openssh-server
check haproxy haproxy
font() { [ -f "$1" ] || need+=("$2"); }
font /usr/share/tesseract-ocr/5/tessdata/eng.traineddata tesseract-ocr-eng
font /usr/lib/x86_64-linux-gnu/libopenslide.so.0 libopenslide0
font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
font /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf fonts-liberation2
font /usr/share/fonts/truetype/freefont/FreeSansBold.ttf fonts-freefont-ttf
if [ ${#need[@]} -eq 0 ]; then
  echo "system dependencies: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${need[*]} (run this script as root, or: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The Debian orthanc package starts a system service on 4242/8042 where systemd runs; tests start
# their own Orthanc on free ports, so a running system instance is harmless but not needed.
echo "system dependencies: installed"
