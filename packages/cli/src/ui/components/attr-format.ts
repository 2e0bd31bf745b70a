// Attribute values on one line: core's formatAttrValue (explorer/value-text.ts), which the dataset summaries of every
// face use; re-exported here for the components that show attributes.
export { formatAttrValue } from '@ember-archive/core';
