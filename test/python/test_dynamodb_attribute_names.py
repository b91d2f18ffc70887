"""Attribute, key and table names that are also members of JavaScript objects are plain data to Standin.

DynamoDB accepts any attribute name, so `__proto__`, `constructor` or `toString` must be stored, read, compared
and indexed like any other name. (boto3 is the client here: the JS SDK itself drops a `__proto__` attribute.)
"""
import pytest
from botocore.exceptions import ClientError

NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]


@pytest.fixture
def ddb(client_factory):
    return client_factory("dynamodb")


def make_table(ddb, name, key="pk"):
    ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
        KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
    )


def test_items_keep_attributes_named_like_object_members(ddb, unique):
    name = unique("names")
    make_table(ddb, name)
    key = {"pk": {"S": "a"}}
    item = {**key, **{n: {"S": f"v-{n}"} for n in NAMES}, "m": {"M": {n: {"N": "1"} for n in NAMES}}}
    ddb.put_item(TableName=name, Item=item)
    assert ddb.get_item(TableName=name, Key=key)["Item"] == item

    names = {"#p": "__proto__", "#c": "constructor", "#t": "toString"}
    updated = ddb.update_item(
        TableName=name,
        Key=key,
        UpdateExpression="SET #p = :v, m.#c = :n REMOVE #t",
        ExpressionAttributeNames=names,
        ExpressionAttributeValues={":v": {"S": "new"}, ":n": {"N": "2"}},
        ReturnValues="ALL_NEW",
    )["Attributes"]
    assert updated["__proto__"] == {"S": "new"}
    assert "toString" not in updated
    assert updated["m"]["M"]["constructor"] == {"N": "2"}
    assert ddb.get_item(TableName=name, Key=key)["Item"] == updated

    projected = ddb.get_item(
        TableName=name,
        Key=key,
        ProjectionExpression="#p, m.#c",
        ExpressionAttributeNames={"#p": "__proto__", "#c": "constructor"},
    )["Item"]
    assert projected == {"__proto__": {"S": "new"}, "m": {"M": {"constructor": {"N": "2"}}}}

    selected = ddb.execute_statement(Statement=f'SELECT * FROM "{name}" WHERE pk = \'a\' AND "__proto__" = \'new\'')
    assert selected["Items"] == [updated]


def test_conditions_and_functions_do_not_see_object_members(ddb, unique):
    name = unique("names")
    make_table(ddb, name)
    ddb.put_item(TableName=name, Item={"pk": {"S": "b"}})

    with pytest.raises(ClientError) as failed:
        ddb.put_item(
            TableName=name,
            Item={"pk": {"S": "b"}},
            ConditionExpression="attribute_exists(#n)",
            ExpressionAttributeNames={"#n": "constructor"},
        )
    assert failed.value.response["Error"]["Code"] == "ConditionalCheckFailedException"

    ddb.put_item(
        TableName=name,
        Item={"pk": {"S": "b"}, "x": {"S": "1"}},
        ConditionExpression="attribute_not_exists(#n)",
        ExpressionAttributeNames={"#n": "toString"},
    )
    found = ddb.scan(TableName=name, FilterExpression="attribute_exists(#n)", ExpressionAttributeNames={"#n": "hasOwnProperty"})
    assert (found["Count"], found["ScannedCount"]) == (0, 1)
    assert ddb.execute_statement(Statement=f'SELECT * FROM "{name}" WHERE "valueOf" = \'x\'')["Items"] == []

    with pytest.raises(ClientError) as failed:
        ddb.update_item(
            TableName=name,
            Key={"pk": {"S": "b"}},
            UpdateExpression="SET a = constructor(x)",
        )
    assert failed.value.response["Error"]["Message"] == "Invalid UpdateExpression: Invalid function name; function: constructor"


def test_keys_indexes_and_tables_named_like_object_members(ddb):
    name = "__proto__"
    ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": "__proto__", "AttributeType": "S"},
            {"AttributeName": "constructor", "AttributeType": "N"},
            {"AttributeName": "toString", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "__proto__", "KeyType": "HASH"}, {"AttributeName": "constructor", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[
            {"IndexName": "by-tostring", "KeySchema": [{"AttributeName": "toString", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}
        ],
    )
    try:
        items = [{"__proto__": {"S": "h"}, "constructor": {"N": str(n)}, "toString": {"S": "g"}} for n in (2, 1, 3)]
        for item in items:
            ddb.put_item(TableName=name, Item=item)
        key = {"__proto__": {"S": "h"}, "constructor": {"N": "1"}}
        assert ddb.get_item(TableName=name, Key=key)["Item"] == items[1]

        names = {"#h": "__proto__", "#r": "constructor"}
        queried = ddb.query(
            TableName=name,
            KeyConditionExpression="#h = :h AND #r > :r",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues={":h": {"S": "h"}, ":r": {"N": "1"}},
            Limit=1,
        )
        assert queried["Items"] == [items[0]]
        assert queried["LastEvaluatedKey"] == {"__proto__": {"S": "h"}, "constructor": {"N": "2"}}
        by_index = ddb.query(
            TableName=name,
            IndexName="by-tostring",
            KeyConditionExpression="#g = :g",
            ExpressionAttributeNames={"#g": "toString"},
            ExpressionAttributeValues={":g": {"S": "g"}},
        )
        assert sorted(int(i["constructor"]["N"]) for i in by_index["Items"]) == [1, 2, 3]

        batched = ddb.batch_get_item(RequestItems={name: {"Keys": [key]}})
        assert batched["Responses"] == {name: [items[1]]}
        transacted = ddb.transact_get_items(TransactItems=[{"Get": {"TableName": name, "Key": key}}])
        assert transacted["Responses"] == [{"Item": items[1]}]
        selected = ddb.execute_statement(Statement=f'SELECT * FROM "{name}" WHERE "__proto__" = \'h\' AND "constructor" = 3')
        assert selected["Items"] == [items[2]]
    finally:
        ddb.delete_table(TableName=name)
