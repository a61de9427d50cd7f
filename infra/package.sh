#!/usr/bin/env bash
# Builds the deployable CloudFormation package for one stage, offline: the merge template from the
# PynamoDB models (infra/template.py), `chalice package` with it merged in, then cfn-lint and
# checkov (every failed check fails the build; the exceptions are in infra/checkov_skips.py).
# Usage: STAGE=dev BUILD_DIR=build infra/package.sh   (deploy with `aws cloudformation package/deploy`)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
STAGE="${STAGE:-dev}"
BUILD_DIR="${BUILD_DIR:-build}"
PYTHON="${PYTHON:-python}"

# chalice package makes no AWS calls, but builds a botocore session that wants a region; the
# placeholders only fill in what is missing, so real credentials in the environment are left alone.
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-ap-south-1}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-packaging-only}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-packaging-only}"

rm -rf "${BUILD_DIR}/package"  # never lint or ship a stale deployment.zip
"${PYTHON}" -m infra.template --stage "${STAGE}" --out "${BUILD_DIR}/merge.json"
chalice package --stage "${STAGE}" --merge-template "${BUILD_DIR}/merge.json" "${BUILD_DIR}/package"
cfn-lint --regions "${AWS_DEFAULT_REGION}" -- "${BUILD_DIR}/package/sam.json"
# --skip-download: nothing is fetched (no Prisma Cloud key, no network needed); the JSON report is
# kept beside the package, the CLI report shows what failed.
checkov --quiet --compact --skip-download --framework cloudformation -f "${BUILD_DIR}/package/sam.json" \
  -o cli -o json --output-file-path "console,${BUILD_DIR}/checkov.json"
echo "packaged stage ${STAGE}: ${BUILD_DIR}/package/sam.json (cfn-lint: no findings; checkov: no failed checks)"
