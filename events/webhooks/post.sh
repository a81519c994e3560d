#!/usr/bin/env bash
# Posts a webhook body as the helpdesk would: signed now, with the vendor's headers, and prints the answer.
#
# Usage: events/webhooks/post.sh zendesk URL BODY_FILE
#        events/webhooks/post.sh github URL BODY_FILE [EVENT]      (EVENT: issues, the default, or ping)
#   URL: http://127.0.0.1:3000/webhooks/zendesk for ./triage serve, or the stack's ZendeskWebhookUrl / GitHubWebhookUrl.
#
# The secret is TRIAGE_ZENDESK_WEBHOOK_SECRET or TRIAGE_GITHUB_WEBHOOK_SECRET, else the vendor's documented test
# secret (events/README.md). Zendesk's delivery id is the event id inside the body, so posting the same Zendesk body
# twice shows the duplicate handling; each GitHub post gets a new X-GitHub-Delivery id (DELIVERY=... to repeat one).
set -euo pipefail

usage() { sed -n '4,6p' "$0" | sed 's/^# //' >&2; exit 2; }
[[ $# -ge 3 ]] || usage
vendor=$1 url=$2 body=$3
[[ -f $body ]] || { echo "post.sh: no file $body" >&2; exit 1; }

hmac() { openssl dgst -sha256 -hmac "$1" -binary; }

case $vendor in
  zendesk)
    secret=${TRIAGE_ZENDESK_WEBHOOK_SECRET:-dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==}
    timestamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    # base64(HMAC-SHA256(secret, timestamp + raw body))
    signature=$({ printf '%s' "$timestamp"; cat "$body"; } | hmac "$secret" | base64)
    curl -sS -w '\n%{http_code}\n' "$url" -H 'content-type: application/json' -H 'user-agent: Zendesk Webhook' \
      -H "x-zendesk-webhook-signature-timestamp: $timestamp" -H "x-zendesk-webhook-signature: $signature" \
      --data-binary "@$body"
    ;;
  github)
    secret=${TRIAGE_GITHUB_WEBHOOK_SECRET:-"It's a Secret to Everybody"}
    event=${4:-issues}
    delivery=${DELIVERY:-$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)}
    # "sha256=" + hex(HMAC-SHA256(secret, raw body))
    signature=sha256=$(hmac "$secret" < "$body" | od -An -v -tx1 | tr -d ' \n')
    curl -sS -w '\n%{http_code}\n' "$url" -H 'content-type: application/json' -H 'user-agent: GitHub-Hookshot/post.sh' \
      -H "x-github-event: $event" -H "x-github-delivery: $delivery" -H "x-hub-signature-256: $signature" \
      --data-binary "@$body"
    ;;
  *) usage ;;
esac
