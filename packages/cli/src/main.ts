#!/usr/bin/env node
// The ember-archive command.
console.log('ember-archive');
