// Bucket listings at the edge. Bundlers for Workers pick the AWS SDK's browser build (the packages' "browser"
// maps), which parses S3's XML answers with the global DOMParser and Node (@aws-sdk/xml-builder,
// dist-es/xml-parser.browser.js). Browsers have both; workerd has neither, so without this every ListObjectsV2 and
// HEAD failed there. xmldom gives the same W3C interfaces; it stops at the first malformed token, so a damaged
// answer is an error, never a partial listing.
import { DOMParser as XmlDomParser, Node as XmlDomNode, onErrorStopParsing } from '@xmldom/xmldom';

class StrictDomParser extends XmlDomParser {
  constructor() {
    super({ onError: onErrorStopParsing });
  }
}

/** Give a runtime without DOMParser (workerd) xmldom's, for the SDK's browser XML parser; no-op where one exists. */
export function provideDomParser(): void {
  if ('DOMParser' in globalThis) return;
  Object.assign(globalThis, { DOMParser: StrictDomParser, Node: XmlDomNode });
}
