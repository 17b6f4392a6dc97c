#include "model/sam.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "model/values.hpp"
#include "schema/embedded.hpp"

namespace stacklint {

namespace {

using nlohmann::json;

// ---- building nodes ---------------------------------------------------------------------

Node text(std::string value, Mark mark) {
    return Node::scalar(std::move(value), true, mark);
}

void put(Node& mapping, std::string key, Mark key_mark, Node value) {
    mapping.entries().push_back(Entry{std::move(key), key_mark, std::move(value)});
}

Node ref(std::string name, Mark mark) {
    Node n = Node::mapping(mark);
    put(n, "Ref", mark, text(std::move(name), mark));
    return n;
}

Node getatt(std::string resource, std::string attribute, Mark mark) {
    Node args = Node::sequence(mark);
    args.items().push_back(text(std::move(resource), mark));
    args.items().push_back(text(std::move(attribute), mark));
    Node n = Node::mapping(mark);
    put(n, "Fn::GetAtt", mark, std::move(args));
    return n;
}

// A JSON value of SAM's data as a node at `mark`; `{"Ref": P}` of a policy template's own
// parameter P becomes the value the template gives P.
Node from_json(const json& j, Mark mark,
               const std::map<std::string, const Node*, std::less<>>& args) {
    if (j.is_object()) {
        if (j.size() == 1 && j.contains("Ref") && j["Ref"].is_string()) {
            const auto it = args.find(j["Ref"].get<std::string>());
            if (it != args.end()) return *it->second;
        }
        Node n = Node::mapping(mark);
        for (const auto& [key, value] : j.items())
            put(n, key, mark, from_json(value, mark, args));
        return n;
    }
    if (j.is_array()) {
        Node n = Node::sequence(mark);
        for (const json& item : j)
            n.items().push_back(from_json(item, mark, args));
        return n;
    }
    if (j.is_string()) return text(j.get<std::string>(), mark);
    if (j.is_null()) return Node::null(mark);
    return Node::scalar(j.dump(), false, mark);
}

// SAM's `Tags` are a map; CloudFormation's a list of {Key, Value}.
Node tag_list(const Node& tags) {
    if (!is_literal_mapping(tags)) return tags;
    Node list = Node::sequence(tags.mark());
    for (const Entry& e : tags.entries()) {
        Node tag = Node::mapping(e.key_mark);
        put(tag, "Key", e.key_mark, text(e.key, e.key_mark));
        put(tag, "Value", e.key_mark, e.value);
        list.items().push_back(std::move(tag));
    }
    return list;
}

// ---- policy templates -------------------------------------------------------------------

const json& policy_templates() {
    static const json templates = [] {
        const std::string_view data = schema::embedded_sam_policy_templates();
        json parsed = json::parse(data.begin(), data.end(), nullptr, false);
        return parsed.is_object() && parsed.contains("Templates") ? parsed["Templates"]
                                                                  : json::object();
    }();
    return templates;
}

// ---- Globals ------------------------------------------------------------------------------

Node merge_value(const Node& global, const Node& local, std::string_view key) {
    if (is_literal_mapping(global) && is_literal_mapping(local)) {
        Node out = Node::mapping(local.mark());
        for (const Entry& g : global.entries()) {
            if (const Entry* l = local.find(g.key))
                put(out, g.key, l->key_mark, merge_value(g.value, l->value, g.key));
            else
                out.entries().push_back(g);
        }
        for (const Entry& l : local.entries()) {
            if (global.find(l.key) == nullptr) out.entries().push_back(l);
        }
        out.index_keys();
        return out;
    }
    // Lists add up, the globals' first, except Architectures, which SAM replaces.
    if (global.is_sequence() && local.is_sequence() && key != "Architectures") {
        Node out = Node::sequence(local.mark());
        for (const Node& item : global.items())
            out.items().push_back(item);
        for (const Node& item : local.items())
            out.items().push_back(item);
        return out;
    }
    return local;  // scalars and functions: the resource's wins
}

// ---- the transform ----------------------------------------------------------------------

constexpr std::array<std::string_view, 22> kFunctionOnly = {"AssumeRolePolicyDocument",
                                                            "AutoPublishAlias",
                                                            "AutoPublishAliasAllProperties",
                                                            "AutoPublishCodeSha256",
                                                            "CodeUri",
                                                            "InlineCode",
                                                            "DeadLetterQueue",
                                                            "DeploymentPreference",
                                                            "Events",
                                                            "EventInvokeConfig",
                                                            "FunctionUrlConfig",
                                                            "Policies",
                                                            "PermissionsBoundary",
                                                            "PropagateTags",
                                                            "ProvisionedConcurrencyConfig",
                                                            "RolePath",
                                                            "VersionDeletionPolicy",
                                                            "VersionDescription",
                                                            "Connectors",
                                                            "CapacityProviderConfig",
                                                            "Tags",
                                                            "Tracing"};

bool function_only(std::string_view key) {
    return std::find(kFunctionOnly.begin(), kFunctionOnly.end(), key) != kFunctionOnly.end();
}

std::string literal(const Node* n) {
    return n != nullptr && n->is_scalar() ? n->text() : "";
}

}  // namespace

class SamBuilder {
  public:
    SamBuilder(const Template& tmpl, SamTransform& out) : tmpl_(tmpl), out_(out) {}

    void build() {
        out_.root_ = Node::mapping(tmpl_.root->mark());
        resources_ = Node::mapping(tmpl_.resources_section ? tmpl_.resources_section->value.mark()
                                                           : tmpl_.root->mark());
        for (const Entry& e : tmpl_.root->entries()) {
            if (e.key == "Resources" || e.key == "Globals") continue;
            if (e.key == "Transform") {
                if (Node rest = other_transforms(e.value); !rest.is_null())
                    put(out_.root_, e.key, e.key_mark, std::move(rest));
                continue;
            }
            out_.root_.entries().push_back(e);
        }
        for (const Resource& r : tmpl_.resources) {
            if (r.type_name.starts_with("AWS::Serverless::")) {
                out_.sam_ids_.emplace_back(r.id);
                lower(r);
            } else if (r.node != nullptr) {
                taken_.insert(std::string(r.id));
                put(resources_, std::string(r.id), r.id_mark, *r.node);
            }
        }
        if (implicit_rest_api_) implicit_rest_api(*implicit_rest_api_);
        if (implicit_http_api_) implicit_http_api(*implicit_http_api_);
        resources_.index_keys();
        put(out_.root_, "Resources",
            tmpl_.resources_section ? tmpl_.resources_section->key_mark : tmpl_.root->mark(),
            std::move(resources_));
        out_.root_.index_keys();
        out_.deployed_ = build_template(out_.root_);
    }

  private:
    static Node other_transforms(const Node& transform) {
        if (transform.is_sequence()) {
            Node rest = Node::sequence(transform.mark());
            for (const Node& item : transform.items()) {
                if (!(item.is_scalar() && item.text() == "AWS::Serverless-2016-10-31"))
                    rest.items().push_back(item);
            }
            return rest.items().empty() ? Node() : rest;
        }
        return Node();
    }

    // Adds a generated resource. `base` is the SAM resource's main resource (its DependsOn and
    // Metadata go there); every generated resource gets its Condition, DeletionPolicy and
    // UpdateReplacePolicy, as SAM passes them on.
    Node* add(const Resource& from, const std::string& id, const std::string& type, Node properties,
              bool base) {
        SamGenerated g{id, type, std::string(from.id)};
        return add_node(g, from.id_mark, std::move(properties), [&](Node& n) {
            for (const Entry* attribute :
                 {from.condition, from.deletion_policy, from.update_replace_policy}) {
                if (attribute != nullptr) n.entries().push_back(*attribute);
            }
            if (base) {
                for (const Entry* attribute : {from.depends_on, from.metadata}) {
                    if (attribute != nullptr) n.entries().push_back(*attribute);
                }
            }
        });
    }

    // The new resource's node, or nullptr when the template writes that id itself.
    template <typename F>
    Node* add_node(const SamGenerated& g, Mark mark, Node properties, F attributes) {
        if (!taken_.insert(g.id).second) return nullptr;
        Node n = Node::mapping(mark);
        put(n, "Type", mark, text(g.type, mark));
        if (!properties.is_null()) put(n, "Properties", mark, std::move(properties));
        attributes(n);
        n.index_keys();
        out_.generated_.push_back(g);
        put(resources_, g.id, mark, std::move(n));
        return &resources_.entries().back().value;
    }

    void references(std::string_view id, std::vector<std::string> available,
                    std::vector<std::string> unavailable) {
        out_.references_.emplace_back(std::string(id), std::move(available));
        out_.unavailable_.emplace_back(std::string(id), std::move(unavailable));
    }

    void lower(const Resource& r) {
        const Node props = sam_merged_properties(tmpl_, r);
        const std::string id(r.id);
        const std::string_view type = r.type_name;
        if (type == "AWS::Serverless::Function") {
            function(r, props);
        } else if (type == "AWS::Serverless::SimpleTable") {
            simple_table(r, props);
        } else if (type == "AWS::Serverless::Api") {
            api(r, props);
        } else if (type == "AWS::Serverless::HttpApi") {
            http_api(r, props);
        } else if (type == "AWS::Serverless::StateMachine") {
            state_machine(r, props);
        } else if (type == "AWS::Serverless::LayerVersion") {
            layer(r, props);
        } else if (type == "AWS::Serverless::Application") {
            application(r, props);
        } else if (type == "AWS::Serverless::GraphQLApi") {
            Node p = copy_keys(props, {"Name", "XrayEnabled", "Logging"});
            if (const Node* auth = props.get("Auth"); auth && is_literal_mapping(*auth)) {
                if (const Node* t = auth->get("Type")) put(p, "AuthenticationType", t->mark(), *t);
            }
            add(r, id, "AWS::AppSync::GraphQLApi", std::move(p), true);
            add(r, id + "Schema", "AWS::AppSync::GraphQLSchema", Node::mapping(r.id_mark), false);
        } else if (type == "AWS::Serverless::WebSocketApi") {
            Node p = copy_keys(props, {"Name", "Description", "RouteSelectionExpression"});
            put(p, "ProtocolType", r.id_mark, text("WEBSOCKET", r.id_mark));
            add(r, id, "AWS::ApiGatewayV2::Api", std::move(p), true);
        } else if (type == "AWS::Serverless::CapacityProvider") {
            add(r, id, "AWS::Lambda::CapacityProvider", Node::mapping(r.id_mark), true);
        } else if (type == "AWS::Serverless::Connector") {
            // The policies and permissions a connector makes; what they grant is not modelled.
            add(r, id + "Policy", "AWS::IAM::ManagedPolicy", Node(), false);
        }
    }

    static Node copy_keys(const Node& props, std::initializer_list<std::string_view> keys) {
        Node out = Node::mapping(props.mark());
        for (std::string_view key : keys) {
            if (const Entry* e = props.find(key)) out.entries().push_back(*e);
        }
        return out;
    }

    void function(const Resource& r, const Node& props) {
        const std::string id(r.id);
        Node p = Node::mapping(props.mark());
        for (const Entry& e : props.entries()) {
            if (!function_only(e.key)) p.entries().push_back(e);
        }
        if (const Node* tags = props.get("Tags")) put(p, "Tags", tags->mark(), tag_list(*tags));
        if (const Node* inline_code = props.get("InlineCode")) {
            Node code = Node::mapping(inline_code->mark());
            put(code, "ZipFile", inline_code->mark(), *inline_code);
            put(p, "Code", inline_code->mark(), std::move(code));
        }
        // Tracing: Active -> TracingConfig: {Mode: Active} (Disabled: none).
        if (const Entry* tracing = props.find("Tracing");
            tracing != nullptr &&
            !(tracing->value.is_scalar() && tracing->value.text() == "Disabled")) {
            Node config = Node::mapping(tracing->key_mark);
            put(config, "Mode", tracing->key_mark, tracing->value);
            put(p, "TracingConfig", tracing->key_mark, std::move(config));
        }
        // DeadLetterQueue: {Type, TargetArn} -> DeadLetterConfig: {TargetArn}.
        if (const Entry* dlq = props.find("DeadLetterQueue");
            dlq != nullptr && dlq->value.is_mapping()) {
            if (const Entry* arn = dlq->value.find("TargetArn")) {
                Node config = Node::mapping(dlq->key_mark);
                put(config, "TargetArn", arn->key_mark, arn->value);
                put(p, "DeadLetterConfig", dlq->key_mark, std::move(config));
            }
        }
        const bool own_role = props.get("Role") == nullptr;
        if (own_role) put(p, "Role", r.id_mark, getatt(id + "Role", "Arn", r.id_mark));
        add(r, id, "AWS::Lambda::Function", std::move(p), true);
        if (own_role) role(r, props, id + "Role", "lambda.amazonaws.com");

        std::vector<std::string> available;
        std::vector<std::string> unavailable;
        const std::string alias = literal(props.get("AutoPublishAlias"));
        if (props.get("AutoPublishAlias") != nullptr) {
            available.insert(available.end(), {"Alias", "Version"});
            if (!alias.empty()) {
                Node a = Node::mapping(r.id_mark);
                put(a, "FunctionName", r.id_mark, ref(id, r.id_mark));
                put(a, "Name", r.id_mark, text(alias, r.id_mark));
                add(r, id + "Alias" + alias, "AWS::Lambda::Alias", std::move(a), false);
            }
        } else {
            unavailable.insert(unavailable.end(), {"Alias", "Version"});
        }
        if (props.get("EventInvokeConfig") != nullptr) {
            available.insert(available.end(), {"DestinationTopic", "DestinationQueue"});
            add(r, id + "EventInvokeConfig", "AWS::Lambda::EventInvokeConfig",
                Node::mapping(r.id_mark), false);
        } else {
            unavailable.insert(unavailable.end(), {"DestinationTopic", "DestinationQueue"});
        }
        references(id, std::move(available), std::move(unavailable));
        // FunctionUrlConfig {AuthType, Cors, InvokeMode} -> an AWS::Lambda::Url of the function.
        if (const Entry* url = props.find("FunctionUrlConfig")) {
            Node u = is_literal_mapping(url->value) ? url->value : Node::mapping(url->key_mark);
            put(u, "TargetFunctionArn", url->key_mark, ref(id, url->key_mark));
            add(r, id + "Url", "AWS::Lambda::Url", std::move(u), false);
        }
        if (props.get("DeploymentPreference") != nullptr) {
            add(r, id + "DeploymentGroup", "AWS::CodeDeploy::DeploymentGroup",
                Node::mapping(r.id_mark), false);
            transform_own("ServerlessDeploymentApplication", "AWS::CodeDeploy::Application",
                          r.id_mark);
            transform_own("CodeDeployServiceRole", "AWS::IAM::Role", r.id_mark);
        }
        events(r, props);
    }

    void transform_own(const std::string& id, const std::string& type, Mark mark) {
        add_node(SamGenerated{id, type, {}}, mark, Node::mapping(mark), [](Node&) {});
    }

    void events(const Resource& r, const Node& props) {
        const Node* events = props.get("Events");
        if (events == nullptr || !is_literal_mapping(*events)) return;
        const std::string id(r.id);
        for (const Entry& e : events->entries()) {
            if (!is_literal_mapping(e.value)) continue;
            const std::string type = literal(e.value.get("Type"));
            const Node* ep = e.value.get("Properties");
            const auto has = [&](std::string_view key) { return ep != nullptr && ep->get(key); };
            const std::string name = id + e.key;
            const auto permission = [&](const std::string& suffix) {
                add(r, name + "Permission" + suffix, "AWS::Lambda::Permission",
                    Node::mapping(e.key_mark), false);
            };
            if (type == "Api") {
                if (!has("RestApiId") && !implicit_rest_api_) implicit_rest_api_ = e.key_mark;
                permission(has("RestApiId") ? "Stage" : "Prod");
            } else if (type == "HttpApi") {
                if (!has("ApiId") && !implicit_http_api_) implicit_http_api_ = e.key_mark;
                permission("");
            } else if (type == "SQS" || type == "Kinesis" || type == "DynamoDB" || type == "MQ" ||
                       type == "MSK" || type == "SelfManagedKafka" || type == "DocumentDB") {
                add(r, name, "AWS::Lambda::EventSourceMapping", Node::mapping(e.key_mark), false);
            } else if (type == "SNS") {
                add(r, name, "AWS::SNS::Subscription", Node::mapping(e.key_mark), false);
                permission("");
            } else if (type == "Schedule" || type == "CloudWatchEvent" ||
                       type == "EventBridgeRule") {
                add(r, name, "AWS::Events::Rule", Node::mapping(e.key_mark), false);
                permission("");
            } else if (type == "IoTRule") {
                add(r, name, "AWS::IoT::TopicRule", Node::mapping(e.key_mark), false);
                permission("");
            } else if (type == "ScheduleV2") {
                add(r, name, "AWS::Scheduler::Schedule", Node::mapping(e.key_mark), false);
            } else if (type == "CloudWatchLogs") {
                add(r, name, "AWS::Logs::SubscriptionFilter", Node::mapping(e.key_mark), false);
                permission("");
            } else if (type == "S3" || type == "Cognito" || type == "AlexaSkill") {
                permission("");
            }
        }
    }

    // The settings of `Globals: Api` (or `HttpApi`) that SAM applies to its implicit API's stage.
    Node implicit_stage(std::string_view sam_type, std::initializer_list<std::string_view> keys,
                        Mark m) const {
        const Node* globals = sam_globals_section(tmpl_, sam_type);
        Node stage = globals != nullptr && globals->is_mapping() ? copy_keys(*globals, keys)
                                                                 : Node::mapping(m);
        stage.set_mark(m);
        return stage;
    }

    // `m`: the first event that needs the implicit API, where its findings point.
    void implicit_rest_api(Mark m) {
        Node p = Node::mapping(m);
        put(p, "Name", m, ref("AWS::StackName", m));
        add_node(SamGenerated{"ServerlessRestApi", "AWS::ApiGateway::RestApi", {}}, m, std::move(p),
                 [](Node&) {});
        Node stage =
            implicit_stage("AWS::Serverless::Api",
                           {"TracingEnabled", "MethodSettings", "AccessLogSetting", "Variables",
                            "CacheClusterEnabled", "CacheClusterSize", "CanarySetting"},
                           m);
        put(stage, "RestApiId", m, ref("ServerlessRestApi", m));
        put(stage, "StageName", m, text("Prod", m));
        add_node(SamGenerated{"ServerlessRestApiProdStage", "AWS::ApiGateway::Stage", {}}, m,
                 std::move(stage), [](Node&) {});
        references("ServerlessRestApi", {"Stage", "Deployment"}, {});
    }

    void implicit_http_api(Mark m) {
        Node p = Node::mapping(m);
        put(p, "ProtocolType", m, text("HTTP", m));
        add_node(SamGenerated{"ServerlessHttpApi", "AWS::ApiGatewayV2::Api", {}}, m, std::move(p),
                 [](Node&) {});
        Node stage = implicit_stage(
            "AWS::Serverless::HttpApi",
            {"AccessLogSettings", "DefaultRouteSettings", "RouteSettings", "StageVariables"}, m);
        put(stage, "ApiId", m, ref("ServerlessHttpApi", m));
        add_node(
            SamGenerated{"ServerlessHttpApiApiGatewayDefaultStage", "AWS::ApiGatewayV2::Stage", {}},
            m, std::move(stage), [](Node&) {});
        references("ServerlessHttpApi", {"Stage"}, {});
    }

    // The role SAM creates for a function or state machine without one, with the policies of
    // `Policies` (policy templates expanded, inline documents, managed policies).
    void role(const Resource& r, const Node& props, const std::string& id,
              std::string_view service) {
        const Mark m = r.id_mark;
        Node p = Node::mapping(m);
        if (const Node* trust = props.get("AssumeRolePolicyDocument")) {
            put(p, "AssumeRolePolicyDocument", trust->mark(), *trust);
        } else {
            Node principal = Node::mapping(m);
            Node services = Node::sequence(m);
            services.items().push_back(text(std::string(service), m));
            put(principal, "Service", m, std::move(services));
            Node statement = Node::mapping(m);
            put(statement, "Effect", m, text("Allow", m));
            put(statement, "Principal", m, std::move(principal));
            put(statement, "Action", m, text("sts:AssumeRole", m));
            Node statements = Node::sequence(m);
            statements.items().push_back(std::move(statement));
            Node doc = Node::mapping(m);
            put(doc, "Version", m, text("2012-10-17", m));
            put(doc, "Statement", m, std::move(statements));
            put(p, "AssumeRolePolicyDocument", m, std::move(doc));
        }
        Node managed = Node::sequence(m);
        if (service == "lambda.amazonaws.com") {
            managed.items().push_back(
                text("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", m));
        }
        Node inline_policies = Node::sequence(m);
        if (const Node* policies = props.get("Policies")) {
            std::vector<const Node*> items;
            if (policies->is_sequence()) {
                for (const Node& item : policies->items())
                    items.push_back(&item);
            } else {
                items.push_back(policies);
            }
            for (std::size_t i = 0; i < items.size(); ++i) {
                const Node& item = *items[i];
                if (item.is_scalar() || item.intrinsic_name() == "Ref" ||
                    item.intrinsic_name() == "Fn::Sub" ||
                    item.intrinsic_name() == "Fn::ImportValue") {
                    managed.items().push_back(managed_arn(item));
                    continue;
                }
                std::optional<Node> doc = policy_document(item);
                if (!doc) continue;
                Node policy = Node::mapping(item.mark());
                put(policy, "PolicyName", item.mark(),
                    text(id + "Policy" + std::to_string(i), item.mark()));
                put(policy, "PolicyDocument", item.mark(), std::move(*doc));
                inline_policies.items().push_back(std::move(policy));
            }
        }
        put(p, "ManagedPolicyArns", m, std::move(managed));
        if (!inline_policies.items().empty()) put(p, "Policies", m, std::move(inline_policies));
        if (const Entry* boundary = props.find("PermissionsBoundary"))
            put(p, "PermissionsBoundary", boundary->key_mark, boundary->value);
        if (const Entry* path = props.find("RolePath")) put(p, "Path", path->key_mark, path->value);
        add(r, id, "AWS::IAM::Role", std::move(p), false);
    }

    // A managed policy given by name is one of AWS's, under arn:aws:iam::aws:policy/.
    static Node managed_arn(const Node& item) {
        if (item.is_scalar() && !item.text().starts_with("arn:"))
            return text("arn:aws:iam::aws:policy/" + item.text(), item.mark());
        return item;
    }

    // The policy document one item of `Policies` stands for: an inline document, or a policy
    // template expanded with its parameters; Fn::If keeps its branches. nullopt for a managed
    // policy or an unknown template (the schema rules report that).
    static std::optional<Node> policy_document(const Node& item) {
        if (item.intrinsic_name() == "Fn::If") {
            const Node& args = *item.intrinsic_arg();
            if (!args.is_sequence() || args.items().size() != 3) return std::nullopt;
            Node branches = Node::sequence(args.mark());
            branches.items().push_back(args.items()[0]);
            for (std::size_t b : {1u, 2u}) {
                std::optional<Node> doc = policy_document(args.items()[b]);
                branches.items().push_back(doc ? std::move(*doc)
                                               : ref("AWS::NoValue", args.items()[b].mark()));
            }
            Node n = Node::mapping(item.mark());
            put(n, "Fn::If", item.entries().front().key_mark, std::move(branches));
            return n;
        }
        if (!is_literal_mapping(item)) return std::nullopt;
        if (item.find("Statement") != nullptr) return item;
        if (item.entries().size() != 1) return std::nullopt;
        const Entry& e = item.entries().front();
        const json& templates = policy_templates();
        const auto found = templates.find(e.key);
        if (found == templates.end() || !found->contains("Definition")) return std::nullopt;
        std::map<std::string, const Node*, std::less<>> args;
        if (is_literal_mapping(e.value)) {
            for (const Entry& a : e.value.entries())
                args[a.key] = &a.value;
        }
        return from_json((*found)["Definition"], e.key_mark, args);
    }

    void simple_table(const Resource& r, const Node& props) {
        const Mark m = r.id_mark;
        Node p = copy_keys(props, {"TableName", "SSESpecification",
                                   "PointInTimeRecoverySpecification", "ProvisionedThroughput"});
        std::string name = "id";
        std::string key_type = "S";
        Mark key_mark = m;
        const Node* name_node = nullptr;
        if (const Node* pk = props.get("PrimaryKey"); pk && is_literal_mapping(*pk)) {
            key_mark = pk->mark();
            name_node = pk->get("Name");
            const std::string t = literal(pk->get("Type"));
            key_type = t == "Number" ? "N" : t == "Binary" ? "B" : "S";
        }
        Node attribute = Node::mapping(key_mark);
        put(attribute, "AttributeName", key_mark,
            name_node != nullptr ? *name_node : text(name, key_mark));
        put(attribute, "AttributeType", key_mark, text(key_type, key_mark));
        Node definitions = Node::sequence(key_mark);
        definitions.items().push_back(std::move(attribute));
        Node key = Node::mapping(key_mark);
        put(key, "AttributeName", key_mark,
            name_node != nullptr ? *name_node : text(name, key_mark));
        put(key, "KeyType", key_mark, text("HASH", key_mark));
        Node keys = Node::sequence(key_mark);
        keys.items().push_back(std::move(key));
        put(p, "AttributeDefinitions", key_mark, std::move(definitions));
        put(p, "KeySchema", key_mark, std::move(keys));
        if (props.get("ProvisionedThroughput") == nullptr)
            put(p, "BillingMode", m, text("PAY_PER_REQUEST", m));
        if (const Node* tags = props.get("Tags")) put(p, "Tags", tags->mark(), tag_list(*tags));
        add(r, std::string(r.id), "AWS::DynamoDB::Table", std::move(p), true);
    }

    void api(const Resource& r, const Node& props) {
        const std::string id(r.id);
        Node p = copy_keys(
            props, {"Name", "Description", "BinaryMediaTypes", "MinimumCompressionSize",
                    "DisableExecuteApiEndpoint", "ApiKeySourceType", "Mode", "FailOnWarnings"});
        if (const Entry* body = props.find("DefinitionBody"))
            put(p, "Body", body->key_mark, body->value);
        if (const Entry* uri = props.find("DefinitionUri"); uri && is_literal_mapping(uri->value))
            put(p, "BodyS3Location", uri->key_mark, uri->value);
        if (const Entry* endpoint = props.find("EndpointConfiguration")) {
            const Node& v = endpoint->value;
            const Node* type = v.is_scalar() ? &v : is_literal_mapping(v) ? v.get("Type") : nullptr;
            if (type != nullptr) {
                Node types = Node::sequence(type->mark());
                types.items().push_back(*type);
                Node config = Node::mapping(v.mark());
                put(config, "Types", endpoint->key_mark, std::move(types));
                put(p, "EndpointConfiguration", endpoint->key_mark, std::move(config));
            }
        }
        add(r, id, "AWS::ApiGateway::RestApi", std::move(p), true);
        const std::string stage_name = literal(props.get("StageName"));
        Node stage = copy_keys(
            props, {"StageName", "TracingEnabled", "MethodSettings", "AccessLogSetting",
                    "Variables", "CacheClusterEnabled", "CacheClusterSize", "CanarySetting"});
        put(stage, "RestApiId", r.id_mark, ref(id, r.id_mark));
        add(r, id + stage_name + "Stage", "AWS::ApiGateway::Stage", std::move(stage), false);
        std::vector<std::string> available = {"Stage", "Deployment"};
        std::vector<std::string> unavailable;
        (props.get("Domain") != nullptr ? available : unavailable).emplace_back("DomainName");
        const Node* auth = props.get("Auth");
        const bool usage = auth != nullptr && is_literal_mapping(*auth) && auth->get("UsagePlan");
        for (const char* p2 : {"UsagePlan", "UsagePlanKey", "ApiKey"})
            (usage ? available : unavailable).emplace_back(p2);
        references(id, std::move(available), std::move(unavailable));
    }

    void http_api(const Resource& r, const Node& props) {
        const std::string id(r.id);
        Node p = copy_keys(props, {"Name", "Description", "DisableExecuteApiEndpoint",
                                   "FailOnWarnings", "CorsConfiguration"});
        put(p, "ProtocolType", r.id_mark, text("HTTP", r.id_mark));
        if (const Entry* body = props.find("DefinitionBody"))
            put(p, "Body", body->key_mark, body->value);
        add(r, id, "AWS::ApiGatewayV2::Api", std::move(p), true);
        const std::string stage_name = literal(props.get("StageName"));
        Node stage = copy_keys(props, {"StageName", "AccessLogSettings", "DefaultRouteSettings",
                                       "RouteSettings", "StageVariables"});
        put(stage, "ApiId", r.id_mark, ref(id, r.id_mark));
        add(r,
            props.get("StageName") != nullptr ? id + stage_name + "Stage"
                                              : id + "ApiGatewayDefaultStage",
            "AWS::ApiGatewayV2::Stage", std::move(stage), false);
        std::vector<std::string> available = {"Stage"};
        std::vector<std::string> unavailable;
        (props.get("Domain") != nullptr ? available : unavailable).emplace_back("DomainName");
        references(id, std::move(available), std::move(unavailable));
    }

    void state_machine(const Resource& r, const Node& props) {
        const std::string id(r.id);
        Node p = copy_keys(props, {"Definition", "DefinitionSubstitutions", "Logging", "Name",
                                   "PermissionsBoundary"});
        if (const Entry* uri = props.find("DefinitionUri"); uri && is_literal_mapping(uri->value))
            put(p, "DefinitionS3Location", uri->key_mark, uri->value);
        if (const Entry* t = props.find("Type")) put(p, "StateMachineType", t->key_mark, t->value);
        if (const Entry* t = props.find("Tracing"))
            put(p, "TracingConfiguration", t->key_mark, t->value);
        if (const Node* tags = props.get("Tags")) put(p, "Tags", tags->mark(), tag_list(*tags));
        const Entry* role_entry = props.find("Role");
        if (role_entry != nullptr)
            put(p, "RoleArn", role_entry->key_mark, role_entry->value);
        else
            put(p, "RoleArn", r.id_mark, getatt(id + "Role", "Arn", r.id_mark));
        add(r, id, "AWS::StepFunctions::StateMachine", std::move(p), true);
        if (role_entry == nullptr) role(r, props, id + "Role", "states.amazonaws.com");
        if (const Node* events = props.get("Events"); events && is_literal_mapping(*events)) {
            for (const Entry& e : events->entries()) {
                const std::string type =
                    literal(is_literal_mapping(e.value) ? e.value.get("Type") : nullptr);
                if (type == "Api" && !implicit_rest_api_ &&
                    !(e.value.get("Properties") && e.value.get("Properties")->get("RestApiId")))
                    implicit_rest_api_ = e.key_mark;
                if (type == "Schedule" || type == "CloudWatchEvent" || type == "EventBridgeRule")
                    add(r, id + e.key, "AWS::Events::Rule", Node::mapping(e.key_mark), false);
            }
        }
    }

    void layer(const Resource& r, const Node& props) {
        Node p = copy_keys(props, {"LayerName", "Description", "CompatibleRuntimes",
                                   "CompatibleArchitectures", "LicenseInfo"});
        Node* layer = add(r, std::string(r.id), "AWS::Lambda::LayerVersion", std::move(p), true);
        // RetentionPolicy decides the layer version's DeletionPolicy.
        const Entry* retention = props.find("RetentionPolicy");
        if (retention != nullptr && layer != nullptr) {
            auto& entries = layer->entries();
            std::erase_if(entries, [](const Entry& e) { return e.key == "DeletionPolicy"; });
            entries.push_back(Entry{"DeletionPolicy", retention->key_mark, retention->value});
            layer->index_keys();
        }
    }

    void application(const Resource& r, const Node& props) {
        Node p = copy_keys(props, {"Parameters", "NotificationARNs", "TimeoutInMinutes"});
        if (const Entry* location = props.find("Location"); location && location->value.is_scalar())
            put(p, "TemplateURL", location->key_mark, location->value);
        if (const Node* tags = props.get("Tags")) put(p, "Tags", tags->mark(), tag_list(*tags));
        add(r, std::string(r.id), "AWS::CloudFormation::Stack", std::move(p), true);
    }

    const Template& tmpl_;
    SamTransform& out_;
    Node resources_;
    std::set<std::string> taken_;
    // Where the first event that needs SAM's implicit API is written, when one does.
    std::optional<Mark> implicit_rest_api_;
    std::optional<Mark> implicit_http_api_;
};

std::unique_ptr<const SamTransform> SamTransform::apply(const Template& tmpl) {
    std::unique_ptr<SamTransform> out(new SamTransform());
    if (tmpl.root == nullptr || !tmpl.root->is_mapping()) return out;
    SamBuilder(tmpl, *out).build();
    return out;
}

const SamGenerated* SamTransform::find(std::string_view id) const {
    const auto it = std::find_if(generated_.begin(), generated_.end(),
                                 [&](const SamGenerated& g) { return g.id == id; });
    return it == generated_.end() ? nullptr : &*it;
}

std::string_view SamTransform::source_of(std::string_view id) const {
    if (const SamGenerated* g = find(id)) return g->source;
    return id;
}

bool SamTransform::may_generate(std::string_view name) const {
    if (find(name) != nullptr) return true;
    for (std::string_view own :
         {"ServerlessRestApi", "ServerlessHttpApi", "ServerlessDeploymentApplication",
          "CodeDeployServiceRole", "ApiGatewayDomainName"}) {
        if (name.starts_with(own)) return true;
    }
    return std::any_of(sam_ids_.begin(), sam_ids_.end(), [&](const std::string& id) {
        return name.size() > id.size() && name.starts_with(id);
    });
}

SamTransform::Reference SamTransform::property_reference(std::string_view resource,
                                                         std::string_view property) const {
    for (const auto& [id, props] : references_) {
        if (id == resource && std::find(props.begin(), props.end(), property) != props.end())
            return Reference::Available;
    }
    for (const auto& [id, props] : unavailable_) {
        if (id == resource && std::find(props.begin(), props.end(), property) != props.end())
            return Reference::Unavailable;
    }
    return Reference::NotSam;
}

const Node* sam_globals_section(const Template& tmpl, std::string_view sam_type) {
    if (tmpl.root == nullptr || !tmpl.root->is_mapping() ||
        !sam_type.starts_with("AWS::Serverless::"))
        return nullptr;
    const Node* globals = tmpl.root->get("Globals");
    if (globals == nullptr || !is_literal_mapping(*globals)) return nullptr;
    return globals->get(sam_type.substr(sam_type.rfind(':') + 1));
}

Node sam_merged_properties(const Template& tmpl, const Resource& resource) {
    const Node empty = Node::mapping(resource.id_mark);
    const Node& local = resource.properties != nullptr && resource.properties->value.is_mapping()
                            ? resource.properties->value
                            : empty;
    const Node* section = sam_globals_section(tmpl, resource.type_name);
    if (section == nullptr || !is_literal_mapping(*section) || !is_literal_mapping(local))
        return local;
    std::set<std::string, std::less<>> ignored;
    if (const Node* ignore =
            resource.node != nullptr ? resource.node->get("IgnoreGlobals") : nullptr) {
        if (ignore->is_scalar() && ignore->text() == "*") return local;
        if (ignore->is_scalar()) ignored.insert(ignore->text());
        if (ignore->is_sequence()) {
            for (const Node& item : ignore->items()) {
                if (item.is_scalar()) ignored.insert(item.text());
            }
        }
    }
    Node out = Node::mapping(local.mark());
    for (const Entry& g : section->entries()) {
        if (ignored.contains(g.key)) continue;
        if (const Entry* l = local.find(g.key))
            put(out, g.key, l->key_mark, merge_value(g.value, l->value, g.key));
        else
            out.entries().push_back(g);
    }
    for (const Entry& l : local.entries()) {
        if (ignored.contains(l.key) || section->find(l.key) == nullptr) out.entries().push_back(l);
    }
    out.index_keys();
    return out;
}

}  // namespace stacklint
