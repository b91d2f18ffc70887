"""DynamoDB through boto3: the client, the Table resource, batch_writer and boto3.dynamodb.conditions."""
from decimal import Decimal

import boto3
import pytest
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError


@pytest.fixture
def ddb(client_factory):
    return client_factory("dynamodb")


@pytest.fixture
def resource(endpoint):
    return boto3.resource(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


@pytest.fixture
def table(resource, unique):
    name = unique("py")
    t = resource.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
            {"AttributeName": "gpk", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-g",
                "KeySchema": [{"AttributeName": "gpk", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    )
    t.wait_until_exists()
    return t


def test_the_table_exists_waiter_returns_without_sleeping(resource, unique):
    import time

    name = unique("wait")
    t = resource.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
    )
    started = time.time()
    t.wait_until_exists()
    assert time.time() - started < 3
    t.reload()
    assert t.table_status == "ACTIVE"
    assert isinstance(t.creation_date_time.year, int)


def test_put_get_round_trips_decimals_sets_and_binary(table):
    table.put_item(Item={"pk": "a", "sk": 1, "price": Decimal("19.99"), "tags": {"x", "y"}, "blob": b"\x00\xff", "nested": {"l": [1, "two"]}})
    item = table.get_item(Key={"pk": "a", "sk": 1})["Item"]
    assert item == {"pk": "a", "sk": 1, "price": Decimal("19.99"), "tags": {"x", "y"}, "blob": boto3.dynamodb.types.Binary(b"\x00\xff"), "nested": {"l": [1, "two"]}}


def test_get_item_of_a_missing_key_has_no_item(table):
    assert "Item" not in table.get_item(Key={"pk": "none", "sk": 0})


def test_conditional_put_fails_with_conditional_check_failed(table):
    table.put_item(Item={"pk": "c", "sk": 1})
    with pytest.raises(ClientError) as info:
        table.put_item(Item={"pk": "c", "sk": 1}, ConditionExpression=Attr("pk").not_exists())
    assert info.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    assert info.value.response["Error"]["Message"] == "The conditional request failed"


def test_update_item_with_names_and_values_returns_updated_new(table):
    table.put_item(Item={"pk": "u", "sk": 1, "count": 1})
    out = table.update_item(
        Key={"pk": "u", "sk": 1},
        UpdateExpression="SET #attr = :val ADD #c :inc",
        ExpressionAttributeNames={"#attr": "status", "#c": "count"},
        ExpressionAttributeValues={":val": "done", ":inc": 2},
        ReturnValues="UPDATED_NEW",
    )
    assert out["Attributes"] == {"status": "done", "count": 3}


def test_adding_to_a_38_digit_number_stays_within_boto3_decimal_context(table):
    table.put_item(Item={"pk": "d", "sk": 1, "n": Decimal("0.1")})
    out = table.update_item(Key={"pk": "d", "sk": 1}, UpdateExpression="ADD n :x", ExpressionAttributeValues={":x": Decimal("0.2")}, ReturnValues="ALL_NEW")
    assert out["Attributes"]["n"] == Decimal("0.3")


def test_batch_writer_and_query_with_key_conditions_and_filters(table):
    with table.batch_writer() as batch:
        for i in range(60):
            batch.put_item(Item={"pk": "q", "sk": i, "even": i % 2 == 0, "gpk": f"g{i % 3}"})
    out = table.query(KeyConditionExpression=Key("pk").eq("q") & Key("sk").between(10, 19), FilterExpression=Attr("even").eq(True))
    assert [int(i["sk"]) for i in out["Items"]] == [10, 12, 14, 16, 18]
    assert out["ScannedCount"] == 10
    desc = table.query(KeyConditionExpression=Key("pk").eq("q") & Key("sk").lt(3), ScanIndexForward=False)
    assert [int(i["sk"]) for i in desc["Items"]] == [2, 1, 0]


def test_query_paginates_a_gsi_through_last_evaluated_key(table):
    with table.batch_writer() as batch:
        for i in range(25):
            batch.put_item(Item={"pk": "p", "sk": i, "gpk": "G"})
    seen = []
    kwargs = {"IndexName": "by-g", "KeyConditionExpression": Key("gpk").eq("G"), "Limit": 7}
    while True:
        page = table.query(**kwargs)
        seen += [int(i["sk"]) for i in page["Items"]]
        assert all(set(i) == {"pk", "sk", "gpk"} for i in page["Items"])
        if "LastEvaluatedKey" not in page:
            break
        assert set(page["LastEvaluatedKey"]) == {"pk", "sk", "gpk"}
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    assert sorted(seen) == list(range(25))
    assert len(seen) == 25


def test_scan_paginator_visits_every_item(ddb, table):
    with table.batch_writer() as batch:
        for i in range(30):
            batch.put_item(Item={"pk": f"s{i}", "sk": 0})
    pages = ddb.get_paginator("scan").paginate(TableName=table.name, PaginationConfig={"PageSize": 8})
    assert sum(p["Count"] for p in pages) == 30


def test_reserved_word_in_a_filter_is_rejected(ddb, table):
    with pytest.raises(ClientError) as info:
        ddb.scan(TableName=table.name, FilterExpression="status = :s", ExpressionAttributeValues={":s": {"S": "x"}})
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert info.value.response["Error"]["Message"] == "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: status"


def test_transaction_cancellation_reasons_reach_boto3(ddb, table):
    ddb.put_item(TableName=table.name, Item={"pk": {"S": "t"}, "sk": {"N": "1"}})
    with pytest.raises(ClientError) as info:
        ddb.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table.name, "Item": {"pk": {"S": "t"}, "sk": {"N": "2"}}}},
                {"Put": {"TableName": table.name, "Item": {"pk": {"S": "t"}, "sk": {"N": "1"}}, "ConditionExpression": "attribute_not_exists(pk)"}},
            ]
        )
    assert info.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert [r["Code"] for r in info.value.response["CancellationReasons"]] == ["None", "ConditionalCheckFailed"]
    assert "Item" not in ddb.get_item(TableName=table.name, Key={"pk": {"S": "t"}, "sk": {"N": "2"}})


def test_describe_table_of_a_missing_table_raises_resource_not_found(ddb):
    with pytest.raises(ddb.exceptions.ResourceNotFoundException):
        ddb.describe_table(TableName="missing-table-py")


def test_delete_table_and_the_not_exists_waiter(resource, unique):
    name = unique("gone")
    t = resource.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
    )
    t.delete()
    t.wait_until_not_exists()
