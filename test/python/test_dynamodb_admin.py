"""DynamoDB through boto3: UpdateTable, TTL, tags, PartiQL, legacy parameters and validation messages."""
import time

import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def ddb(client_factory):
    return client_factory("dynamodb")


@pytest.fixture
def table(ddb, unique):
    name = unique("pyadm")
    ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
    )
    ddb.get_waiter("table_exists").wait(TableName=name)
    return name


def error(call):
    with pytest.raises(ClientError) as info:
        call()
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


def test_update_table_adds_a_gsi_that_queries_existing_items(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "email": {"S": "a@x"}})
    out = ddb.update_table(
        TableName=table,
        AttributeDefinitions=[{"AttributeName": "email", "AttributeType": "S"}],
        GlobalSecondaryIndexUpdates=[
            {"Create": {"IndexName": "by-email", "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}}
        ],
    )
    assert out["TableDescription"]["TableStatus"] == "UPDATING"
    found = ddb.query(TableName=table, IndexName="by-email", KeyConditionExpression="email = :e", ExpressionAttributeValues={":e": {"S": "a@x"}})
    assert found["Items"] == [{"pk": {"S": "a"}, "email": {"S": "a@x"}}]


def test_ttl_expires_items_whose_time_has_passed(ddb, table):
    ddb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    assert ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
    ddb.put_item(TableName=table, Item={"pk": {"S": "gone"}, "expires": {"N": str(int(time.time()) - 1)}})
    ddb.put_item(TableName=table, Item={"pk": {"S": "kept"}, "expires": {"N": str(int(time.time()) + 600)}})
    assert [i["pk"]["S"] for i in ddb.scan(TableName=table)["Items"]] == ["kept"]


def test_tags_round_trip_by_arn(ddb, table):
    arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "env", "Value": "test"}]
    ddb.untag_resource(ResourceArn=arn, TagKeys=["env"])
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == []


def test_partiql_insert_select_update_delete(ddb, table):
    ddb.execute_statement(Statement=f"INSERT INTO \"{table}\" VALUE {{'pk': ?, 'n': ?}}", Parameters=[{"S": "q"}, {"N": "1"}])
    ddb.execute_statement(Statement=f"UPDATE \"{table}\" SET n = n + 1 WHERE pk = 'q'")
    out = ddb.execute_statement(Statement=f"SELECT n FROM \"{table}\" WHERE pk = ?", Parameters=[{"S": "q"}])
    assert out["Items"] == [{"n": {"N": "2"}}]
    ddb.execute_statement(Statement=f"DELETE FROM \"{table}\" WHERE pk = 'q'")
    assert ddb.execute_statement(Statement=f"SELECT * FROM \"{table}\" WHERE pk = 'q'")["Items"] == []


def test_legacy_expected_and_attribute_updates(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "l"}, "n": {"N": "1"}}, Expected={"pk": {"Exists": False}})
    code, _ = error(lambda: ddb.put_item(TableName=table, Item={"pk": {"S": "l"}}, Expected={"pk": {"Exists": False}}))
    assert code == "ConditionalCheckFailedException"
    out = ddb.update_item(TableName=table, Key={"pk": {"S": "l"}}, AttributeUpdates={"n": {"Action": "ADD", "Value": {"N": "5"}}}, ReturnValues="UPDATED_NEW")
    assert out["Attributes"] == {"n": {"N": "6"}}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"Key": {"pk": {"N": "1"}}}, "The provided key element does not match the schema"),
        ({"Key": {"pk": {"S": "a"}}, "ProjectionExpression": "#a"}, "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #a"),
        ({"Key": {"pk": {"S": "a"}}, "ProjectionExpression": "a", "ExpressionAttributeNames": {}}, "ExpressionAttributeNames must not be empty"),
        ({"Key": {"pk": {"S": ""}}}, "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"),
    ],
)
def test_get_item_validation_messages(ddb, table, kwargs, message):
    code, text = error(lambda: ddb.get_item(TableName=table, **kwargs))
    assert code == "ValidationException"
    assert text == message


def test_query_without_the_partition_key_is_rejected(ddb, table):
    code, text = error(lambda: ddb.query(TableName=table, KeyConditionExpression="colour = :v", ExpressionAttributeValues={":v": {"S": "x"}}))
    assert (code, text) == ("ValidationException", "Query condition missed key schema element: pk")


def test_unused_expression_values_are_rejected_on_update(ddb, table):
    code, text = error(
        lambda: ddb.update_item(
            TableName=table, Key={"pk": {"S": "u"}}, UpdateExpression="SET a = :a", ExpressionAttributeValues={":a": {"N": "1"}, ":countChange": {"N": "1"}}
        )
    )
    assert text == "1 validation error detected: Value provided in ExpressionAttributeValues unused in expressions: keys: {:countChange}"


def test_describe_limits_and_endpoints(ddb):
    assert ddb.describe_limits()["TableMaxReadCapacityUnits"] == 40000
    assert ddb.describe_endpoints()["Endpoints"][0]["CachePeriodInMinutes"] == 1440
