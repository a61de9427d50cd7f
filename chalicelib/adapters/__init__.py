"""Adapters: the only code that talks to AWS (DynamoDB, Secrets Manager, SNS) or other outside parties."""
