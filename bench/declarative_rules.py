#!/usr/bin/env python3
"""What declarative rules cost: the shared corpus linted with and without COUNT generated
rules (--rules), with one worker (-j 1, so CPU time is the work). The rules mix what teams
write: tag requirements on every resource (`resources: "*"`), property tests on common types
(exists, equals, in, matches, number comparisons), quantifiers over lists, relations
(refers_to, referenced_by with a where), parameter and output rules, and `Fn::If` handling.

Prints the median user+sys CPU time and wall time of RUNS runs each, and with --callgrind
the instruction counts of one run each (stable on a noisy machine).

    bench/declarative_rules.py [--stacklint build/stacklint] [--shared ../shared]
                               [--count 200] [--runs 7] [--callgrind] [--format text]

A benchmark, not a test: results go to bench/RESULTS.md by hand, with the machine.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

TYPES = [
    ("AWS::S3::Bucket", "BucketEncryption", "VersioningConfiguration.Status", "Enabled"),
    ("AWS::DynamoDB::Table", "PointInTimeRecoverySpecification", "BillingMode", "PAY_PER_REQUEST"),
    ("AWS::Lambda::Function", "TracingConfig", "Runtime", "python3.12"),
    ("AWS::SQS::Queue", "RedrivePolicy", "SqsManagedSseEnabled", "true"),
    ("AWS::SNS::Topic", "KmsMasterKeyId", "FifoTopic", "false"),
    ("AWS::RDS::DBInstance", "StorageEncrypted", "MultiAZ", "true"),
    ("AWS::RDS::DBCluster", "StorageEncrypted", "DeletionProtection", "true"),
    ("AWS::EC2::Instance", "IamInstanceProfile", "Monitoring", "true"),
    ("AWS::EC2::SecurityGroup", "GroupDescription", "VpcId", "vpc-1"),
    ("AWS::IAM::Role", "PermissionsBoundary", "MaxSessionDuration", "3600"),
    ("AWS::Logs::LogGroup", "RetentionInDays", "KmsKeyId", "k"),
    ("AWS::KMS::Key", "EnableKeyRotation", "Enabled", "true"),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerAttributes", "Scheme", "internal"),
    ("AWS::ECS::Service", "NetworkConfiguration", "LaunchType", "FARGATE"),
    ("AWS::ECS::TaskDefinition", "TaskRoleArn", "NetworkMode", "awsvpc"),
    ("AWS::CloudFront::Distribution", "DistributionConfig.Logging", "DistributionConfig.Enabled", "true"),
    ("AWS::ApiGateway::RestApi", "EndpointConfiguration", "Name", "api"),
    ("AWS::EFS::FileSystem", "Encrypted", "PerformanceMode", "generalPurpose"),
    ("AWS::Kinesis::Stream", "StreamEncryption", "ShardCount", "1"),
    ("AWS::ElastiCache::ReplicationGroup", "AtRestEncryptionEnabled", "TransitEncryptionEnabled", "true"),
    ("AWS::EC2::VPC", "EnableDnsSupport", "EnableDnsHostnames", "true"),
    ("AWS::CloudTrail::Trail", "EnableLogFileValidation", "IsMultiRegionTrail", "true"),
    ("AWS::Events::Rule", "State", "State", "ENABLED"),
    ("AWS::StepFunctions::StateMachine", "LoggingConfiguration", "StateMachineType", "STANDARD"),
]


def rule(i):
    """The i-th generated rule: a kind of check, on a type, with a distinct id and name."""
    rtype, present, path, value = TYPES[i % len(TYPES)]
    kind = (i // len(TYPES)) % 8
    head = (f"  - id: BENCH-{i:03d}\n    name: bench-rule-{i:03d}\n    severity: warning\n"
            f"    summary: Generated rule {i}\n"
            "    doc: {what: generated, why: benchmark, bad: x, good: y}\n")
    if kind == 0:
        body = (f"    for: {{resources: \"{rtype}\"}}\n"
                "    require:\n      any:\n"
                f"        - {{path: Properties.{present}, exists: true}}\n"
                "        - {path: Properties, exists: true}\n")
    elif kind == 1:
        body = (f"    for: {{resources: \"{rtype}\"}}\n"
                f"    when: {{path: Properties.{path}, exists: true}}\n"
                f"    require: {{path: Properties.{path}, in: [\"{value}\", x{i}, y{i}, z{i}], "
                "alternatives: all}\n")
    elif kind == 2:
        body = ("    for: {resources: \"*\"}\n"
                "    when: {path: Properties.Tags, exists: true}\n"
                "    require:\n      path: Properties.Tags\n      none: {path: Key, equals: "
                f"forbidden-{i}}}\n")
    elif kind == 3:
        body = (f"    for: {{resources: \"{rtype.rsplit('::', 1)[0]}::*\"}}\n"
                "    require:\n      all:\n"
                f"        - {{path: Properties.{present}, exists: true}}\n"
                f"        - {{path: Properties.{path}, matches: \"^[a-z0-9-]+$\"}}\n"
                f"        - not: {{path: Properties.{path}, in: [a, b, c]}}\n")
    elif kind == 4:
        body = (f"    for: {{resources: \"{rtype}\"}}\n"
                "    require:\n      referenced_by:\n        type: \"AWS::*\"\n"
                "        where: {path: Properties, exists: true}\n")
    elif kind == 5:
        body = (f"    for: {{resources: \"{rtype}\"}}\n"
                f"    when: {{path: Properties.{present}, exists: true}}\n"
                "    require: {refers_to: {type: \"AWS::KMS::*\"}}\n")
    elif kind == 6:
        body = ("    for: {parameters: \"*\"}\n"
                "    require:\n      any:\n        - {path: Default, exists: false}\n"
                "        - {path: Type, in: [String, Number]}\n"
                "        - {path: MaxLength, at_most: 64}\n")
    else:
        body = ("    for: {outputs: \"*\"}\n"
                "    when: {path: Export, exists: true}\n"
                "    require: {path: Export.Name, matches: \"^[A-Za-z]\"}\n")
    return head + body


def cpu_run(cmd):
    """User+sys CPU seconds and wall seconds of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed with {status}")
    return usage.ru_utime + usage.ru_stime, wall


def count_findings(cmd):
    """Findings of one run, from its JSON report."""
    json_cmd = [a for a in cmd]
    json_cmd[json_cmd.index("-f") + 1] = "json"
    out = subprocess.run(json_cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return len(json.loads(out)["findings"])


def instructions(cmd):
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    match = re.search(r"Collected : (\d+)", out)
    return int(match.group(1)) if match else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stacklint", default=os.path.join(ROOT, "build", "stacklint"))
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--callgrind", action="store_true")
    parser.add_argument("--format", default="text", help="the report format (text, json...)")
    args = parser.parse_args()

    corpus = os.path.join(args.shared, "corpus")
    work = tempfile.mkdtemp(prefix="stacklint-bench-rules-")
    try:
        with open(os.path.join(work, "rules.yaml"), "w", encoding="utf-8") as f:
            f.write("rules:\n" + "".join(rule(i) for i in range(args.count)))
        base = [args.stacklint, "--no-config", "-j", "1", "-q", "-f", args.format, corpus]
        cases = [("without declarative rules", base),
                 (f"with {args.count} declarative rules", base + ["--rules", work])]
        results = []
        name_cmd = dict(cases)
        for name, cmd in cases:
            cpu_run(cmd)  # warm-up: the page cache
            runs = [cpu_run(cmd) for _ in range(args.runs)]
            cpu = statistics.median(r[0] for r in runs)
            wall = statistics.median(r[1] for r in runs)
            count = instructions(cmd) if args.callgrind else None
            results.append((name, cpu, wall, count))
        print(f"-f {args.format}, -j 1, {args.runs} runs")
        print("| case | findings | user+sys (median) | wall (median) | instructions |")
        print("|---|---:|---:|---:|---:|")
        for name, cpu, wall, count in results:
            shown = f"{count:,}" if count else "–"
            findings = count_findings(name_cmd[name])
            print(f"| {name} | {findings:,} | {cpu * 1000:.1f} ms | {wall * 1000:.1f} ms | {shown} |")
        base_cpu, rules_cpu = results[0][1], results[1][1]
        print(f"\nCPU cost of the rules: {100 * (rules_cpu / base_cpu - 1):+.1f}%", end="")
        if args.callgrind and results[0][3] and results[1][3]:
            print(f"; instructions: {100 * (results[1][3] / results[0][3] - 1):+.1f}%", end="")
        print()
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
