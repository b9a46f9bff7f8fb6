#!/usr/bin/env bash
# Placeholder until the web pages land: nothing to build yet.
exit 0
