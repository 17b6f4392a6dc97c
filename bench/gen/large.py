#!/usr/bin/env python3
"""Writes one large YAML template: RESOURCES resources (default 500) of the common kinds
(versioned buckets with lifecycle rules, queues, tables, roles with inline policies, Lambda
functions, topics) that refer to each other with Ref, GetAtt and Sub, plus parameters,
conditions and outputs, padded with realistic tags to about SIZE bytes (default 1 MB).

    bench/gen/large.py OUT_FILE [--resources 500] [--size 1000000]
"""
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--resources", type=int, default=500)
parser.add_argument("--size", type=int, default=1_000_000)
args = parser.parse_args()

kinds = ["Bucket", "Queue", "Table", "Role", "Function", "Topic"]
per_resource = args.size // args.resources


def resource(i, tags):
    kind = kinds[i % len(kinds)]
    name = f"{kind}{i:04d}"
    prev = f"{kinds[(i - 1) % len(kinds)]}{i - 1:04d}" if i > 0 else None
    tag_lines = "".join(
        f"        - Key: tag{t}\n          Value: !Sub '${{Environment}}-{name}-value-{t:03d}'\n" for t in range(tags))
    if kind == "Bucket":
        body = f"""    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      VersioningConfiguration:
        Status: Enabled
      LifecycleConfiguration:
        Rules:
          - Id: expire-old-versions
            Status: Enabled
            NoncurrentVersionExpiration:
              NoncurrentDays: 30
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
      Tags:
{tag_lines}"""
    elif kind == "Queue":
        body = f"""    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 300
      MessageRetentionPeriod: 1209600
      KmsMasterKeyId: alias/aws/sqs
      Tags:
{tag_lines}"""
    elif kind == "Table":
        body = f"""    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
        - AttributeName: sk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
        - AttributeName: sk
          KeyType: RANGE
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
      DeletionProtectionEnabled: true
      Tags:
{tag_lines}"""
    elif kind == "Role":
        body = f"""    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: access
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - sqs:SendMessage
                  - sqs:ReceiveMessage
                Resource: !GetAtt {f"Queue{i - 2:04d}" if i >= 2 else "Queue0000"}.Arn
      Tags:
{tag_lines}"""
    elif kind == "Function":
        body = f"""    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt {prev}.Arn
      Timeout: 30
      MemorySize: 256
      Environment:
        Variables:
          STAGE: !Ref Environment
          TABLE: !Sub '${{AWS::StackName}}-{name}'
      Code:
        ZipFile: |
          def handler(event, context):
              return {{"statusCode": 200}}
      Tags:
{tag_lines}"""
    else:
        body = f"""    Type: AWS::SNS::Topic
    Condition: IsProduction
    Properties:
      KmsMasterKeyId: alias/aws/sns
      Tags:
{tag_lines}"""
    return f"  {name}:\n{body}"


# Size per tag: about 80 bytes; aim each resource at its share of SIZE.
base = len(resource(0, 0))
tags = max(1, (per_resource - base) // 80)
parts = ["AWSTemplateFormatVersion: '2010-09-09'\n",
         "Description: generated benchmark template (bench/gen/large.py)\n",
         "Parameters:\n  Environment:\n    Type: String\n    AllowedValues: [dev, prod]\n    Default: dev\n",
         "Conditions:\n  IsProduction: !Equals [!Ref Environment, prod]\n",
         "Resources:\n"]
parts += [resource(i, min(tags, 50)) for i in range(args.resources)]
parts.append("Outputs:\n")
for i in range(0, args.resources, len(kinds)):
    parts.append(f"  Bucket{i:04d}Name:\n    Value: !Ref Bucket{i:04d}\n")
text = "".join(parts)
with open(args.out, "w") as f:
    f.write(text)
print(f"{args.resources} resources, {len(text) / 1e6:.2f} MB in {args.out}")
