"""The web app's hosting: a private S3 bucket behind CloudFront (Origin Access Control), HTTPS only,
security headers, `index.html` for the SPA's own routes, and the API under `/v1/*` as a second
origin, so the SPA and the API share one domain (no CORS, one certificate, one address for QR codes
and payment callbacks).

The SPA fallback is a CloudFront Function on the SPA's behaviour only (a path without a file
extension is served `/index.html`), not distribution-wide custom error pages: those would also turn
the API's own 403 and 404 answers into index.html with status 200.

A custom domain needs an ACM certificate in us-east-1 (CloudFront's rule), which a stack in
another Region cannot create: pass its ARN with WebDomainName, or use the distribution's own
*.cloudfront.net name until then. A WAF web ACL for CloudFront lives in us-east-1 too (WebAclArn).
"""

from __future__ import annotations

from typing import NamedTuple

from infra import storage
from infra.cfn import RETAIN, Json, att, if_set, param, ref, res, sub, tags
from infra.chalice_app import REST_API

BUCKET, POLICY, OAC = "WebBucket", "WebBucketPolicy", "WebOriginAccessControl"
DISTRIBUTION, HEADERS, SPA_ROUTES = "WebDistribution", "WebSecurityHeaders", "WebSpaRoutes"
VIEWER_ADDRESS = "WebViewerAddress"
DOMAIN, CERTIFICATE, WEB_ACL = "WebDomainName", "WebCertificateArn", "WebAclArn"
HAS_DOMAIN, HAS_WEB_ACL = "HasWebDomain", "HasWebAcl"
API_PATH = "/v1/*"
INDEX = "index.html"
OLD_VERSION_DAYS = 30
# CloudFront's managed policies (the same ids in every account).
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
# Every viewer header but Host (API Gateway answers 403 to a Host that is not its own); with caching
# disabled this includes Authorization and X-Api-Key.
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
# The browser also talks to S3 directly: presigned POSTs upload papers, presigned GETs show papers
# and certificate PDFs. `{s3}` becomes exactly those buckets' hosts, not all of S3.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: {s3}; "
    "font-src 'self'; connect-src 'self' {s3}; frame-src {s3} blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self' https://*.sslcommerz.com https://*.bka.sh; frame-ancestors 'none'; upgrade-insecure-requests"
)
# `/verify` and `/v` (where QR codes point) are the offline verifier, a page of its own; every
# other path without a file extension is one of the app's routes.
SPA_ROUTES_CODE = """\
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/v' || uri === '/verify' || uri === '/verify/') {
    request.uri = '/verify/index.html';
    return request;
  }
  var last = uri.split('/').pop();
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
"""


def bucket_name(stage: str) -> str:
    return f"sonod-{stage}-web"


def parameters() -> tuple[Json, Json]:
    """(parameters, conditions): the optional custom domain and web ACL."""
    parameters = {
        DOMAIN: param("String", "", "Custom domain of the web app and API (needs WebCertificateArn); empty: none"),
        CERTIFICATE: param("String", "", "ACM certificate ARN in us-east-1 covering WebDomainName"),
        WEB_ACL: param("String", "", "WAFv2 web ACL ARN (scope CLOUDFRONT, us-east-1); empty: none"),
    }
    conditions = {
        HAS_DOMAIN: {"Fn::And": [if_set(DOMAIN), if_set(CERTIFICATE)]},
        HAS_WEB_ACL: if_set(WEB_ACL),
    }
    return parameters, conditions


def _bucket(stage: str) -> Json:
    # S3-managed keys: the files are public by nature, and OAC with SSE-KMS would make the key trust
    # CloudFront; versioned so a bad release can be rolled back by restoring the previous versions.
    old = {
        "Id": "expire-old-versions",
        "Status": "Enabled",
        "NoncurrentVersionExpiration": {"NoncurrentDays": OLD_VERSION_DAYS},
    }
    props = storage.bucket_properties(
        bucket_name(stage), stage, [old], kms=False, VersioningConfiguration={"Status": "Enabled"}
    )
    return res("AWS::S3::Bucket", props, **RETAIN)


def _bucket_policy(stage: str) -> Json:
    name = bucket_name(stage)
    distribution_arn = sub(f"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/${{{DISTRIBUTION}}}")
    read = {
        "Sid": "CloudFrontReads",
        "Effect": "Allow",
        "Principal": {"Service": "cloudfront.amazonaws.com"},
        "Action": "s3:GetObject",
        "Resource": storage.objects_arn(name),
        "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}},  # this distribution only
    }
    return storage.tls_only_policy(BUCKET, name, read)


def content_security_policy(browser_buckets: list[str]) -> Json:
    hosts = [f"https://{b}.s3.${{AWS::Region}}.amazonaws.com https://{b}.s3.amazonaws.com" for b in browser_buckets]
    return sub(CONTENT_SECURITY_POLICY.format(s3=" ".join(hosts)))


# API Gateway sees CloudFront's addresses, shared by every viewer of an edge: the viewer's own
# address goes along in a header, overwriting whatever the viewer sent under that name (the
# per-address throttles, chalicelib/api/http.py `origin`). API Gateway's own address is public, so
# the API believes that header only next to EDGE_HEADER, which CloudFront adds on the API origin.
VIEWER_ADDRESS_CODE = """\
function handler(event) {
  var request = event.request;
  request.headers['x-sonod-viewer'] = { value: event.viewer.ip };
  return request;
}
"""


EDGE_HEADER = "x-sonod-edge"  # chalicelib/api/http.py EDGE_HEADER


class EdgeKey(NamedTuple):
    """Where the value of EDGE_HEADER lives: a key of the app keys secret, written by `written_by`."""

    secret_name: str
    key: str
    written_by: str  # logical id of the custom resource that fills in the secret's keys


def edge_header(edge_key: EdgeKey) -> Json:
    """The origin custom header that proves a request came through this distribution. Its value is
    a dynamic reference: CloudFormation resolves it when it creates or updates the distribution,
    so the template never holds the key; CloudFront overwrites a viewer's header of that name."""
    value = f"{{{{resolve:secretsmanager:{edge_key.secret_name}:SecretString:{edge_key.key}}}}}"
    return {"HeaderName": EDGE_HEADER, "HeaderValue": value}


def _headers(stage: str, browser_buckets: list[str]) -> Json:
    security = {
        "StrictTransportSecurity": {
            "AccessControlMaxAgeSec": 63072000,
            "IncludeSubdomains": True,
            "Preload": False,  # preloading is a commitment for the whole domain: the operators' call
            "Override": True,
        },
        "ContentTypeOptions": {"Override": True},
        "FrameOptions": {"FrameOption": "DENY", "Override": True},
        "ReferrerPolicy": {"ReferrerPolicy": "strict-origin-when-cross-origin", "Override": True},
        "XSSProtection": {"Protection": False, "Override": True},  # "0": the old filter does harm
        # Not overriding: a page the API renders itself (verify.html) may set its own.
        "ContentSecurityPolicy": {"ContentSecurityPolicy": content_security_policy(browser_buckets), "Override": False},
    }
    config = {
        "Name": f"sonod-{stage}-security-headers",
        "Comment": "HSTS, CSP, no framing, no sniffing",
        "SecurityHeadersConfig": security,
        "RemoveHeadersConfig": {"Items": [{"Header": "Server"}]},
    }
    return res("AWS::CloudFront::ResponseHeadersPolicy", {"ResponseHeadersPolicyConfig": config})


def _distribution(stage: str, api_stage: str, edge_key: EdgeKey) -> Json:
    web_origin = {
        "Id": "web",
        "DomainName": att(BUCKET, "RegionalDomainName"),
        "OriginAccessControlId": att(OAC, "Id"),
        "S3OriginConfig": {"OriginAccessIdentity": ""},  # empty: OAC, not the legacy identity
    }
    api_origin = {
        "Id": "api",
        "DomainName": sub(f"${{{REST_API}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}"),
        "OriginPath": f"/{api_stage}",  # /v1/... at the edge is /<stage>/v1/... at API Gateway
        "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]},
        "OriginCustomHeaders": [edge_header(edge_key)],
    }
    spa = {
        "TargetOriginId": "web",
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": ["GET", "HEAD", "OPTIONS"],
        "CachePolicyId": CACHING_OPTIMIZED,
        "ResponseHeadersPolicyId": ref(HEADERS),
        "Compress": True,
        "FunctionAssociations": [{"EventType": "viewer-request", "FunctionARN": att(SPA_ROUTES, "FunctionARN")}],
    }
    api = {
        "PathPattern": API_PATH,
        "TargetOriginId": "api",
        "ViewerProtocolPolicy": "https-only",  # a redirect would turn a POST into a GET
        "AllowedMethods": ALL_METHODS,
        "CachedMethods": ["GET", "HEAD"],
        "CachePolicyId": CACHING_DISABLED,  # answers are per caller or must be fresh
        "OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST,
        "ResponseHeadersPolicyId": ref(HEADERS),
        "Compress": True,
        "FunctionAssociations": [{"EventType": "viewer-request", "FunctionARN": att(VIEWER_ADDRESS, "FunctionARN")}],
    }
    custom_tls = {
        "AcmCertificateArn": ref(CERTIFICATE),
        "SslSupportMethod": "sni-only",
        "MinimumProtocolVersion": "TLSv1.2_2021",
    }
    config = {
        "Enabled": True,
        "Comment": f"sonod-{stage}: web app and API",
        "DefaultRootObject": INDEX,
        "HttpVersion": "http2and3",
        "IPV6Enabled": True,
        "PriceClass": "PriceClass_200",  # includes the edges in and around Bangladesh
        "Origins": [web_origin, api_origin],
        "DefaultCacheBehavior": spa,
        "CacheBehaviors": [api],
        "Aliases": {"Fn::If": [HAS_DOMAIN, [ref(DOMAIN)], ref("AWS::NoValue")]},
        "ViewerCertificate": {"Fn::If": [HAS_DOMAIN, custom_tls, {"CloudFrontDefaultCertificate": True}]},
        "WebACLId": {"Fn::If": [HAS_WEB_ACL, ref(WEB_ACL), ref("AWS::NoValue")]},
    }
    # The edge key must be in the secret before CloudFormation resolves the reference to it.
    props = {"DistributionConfig": config, "Tags": tags(stage)}
    return res("AWS::CloudFront::Distribution", props, DependsOn=[edge_key.written_by])


def web_resources(stage: str, api_stage: str, browser_buckets: list[str], edge_key: EdgeKey) -> Json:
    """`browser_buckets`: the buckets the browser reaches with presigned URLs (papers, PDFs);
    `edge_key`: the secret key CloudFront sends to the API (EDGE_HEADER)."""
    oac = {
        "Name": f"sonod-{stage}-web",
        "Description": "CloudFront signs its requests to the web bucket",
        "OriginAccessControlOriginType": "s3",
        "SigningBehavior": "always",
        "SigningProtocol": "sigv4",
    }
    routes = {
        "Name": f"sonod-{stage}-spa-routes",
        "AutoPublish": True,
        "FunctionConfig": {"Comment": "SPA routes are served index.html", "Runtime": "cloudfront-js-2.0"},
        "FunctionCode": SPA_ROUTES_CODE,
    }
    viewer = {
        "Name": f"sonod-{stage}-viewer-address",
        "AutoPublish": True,
        "FunctionConfig": {"Comment": "The viewer's address for the API", "Runtime": "cloudfront-js-2.0"},
        "FunctionCode": VIEWER_ADDRESS_CODE,
    }
    return {
        BUCKET: _bucket(stage),
        POLICY: _bucket_policy(stage),
        OAC: res("AWS::CloudFront::OriginAccessControl", {"OriginAccessControlConfig": oac}),
        HEADERS: _headers(stage, browser_buckets),
        SPA_ROUTES: res("AWS::CloudFront::Function", routes),
        VIEWER_ADDRESS: res("AWS::CloudFront::Function", viewer),
        DISTRIBUTION: _distribution(stage, api_stage, edge_key),
    }


def outputs() -> Json:
    return {
        "WebBucketName": {"Description": "Upload the web app's build here", "Value": ref(BUCKET)},
        "WebDistributionId": {"Description": "For cache invalidations", "Value": ref(DISTRIBUTION)},
        "WebUrl": {
            "Description": "The web app; the API is under /v1/",
            "Value": {
                "Fn::If": [
                    HAS_DOMAIN,
                    sub(f"https://${{{DOMAIN}}}"),
                    sub(f"https://${{{DISTRIBUTION}.DomainName}}"),
                ]
            },
        },
    }
