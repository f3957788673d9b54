"""A short program on a client generated from the API description
(openapi-python-client): the food bank's coordinator logs in, finds the
warehouse and a product, receives 3 units into stock and reads the lot back.

    python client_example.py BASE_URL   (the generated package `collectod_client` on the path)
"""

import datetime
import sys

from collectod_client import AuthenticatedClient, Client
from collectod_client.api.auth import get_api_v1_me, post_api_v1_auth_login
from collectod_client.api.foodaid import get_api_v1_foodaid_lots_by_id, get_api_v1_foodaid_products, post_api_v1_foodaid_lots
from collectod_client.api.sites import get_api_v1_sites
from collectod_client.models import CollectoKernelAuthControllerLogIn, FoodAidStockServiceReceipt


def main(base):
    session = post_api_v1_auth_login.sync(
        client=Client(base_url=base),
        body=CollectoKernelAuthControllerLogIn(email="coordination@banque-alimentaire.example.org", password="collecto-demo"))
    client = AuthenticatedClient(base_url=base, token=session.token)
    me = get_api_v1_me.sync(client=client)
    bank = me.user.memberships[0].organisation_id
    warehouse = get_api_v1_sites.sync(client=client, organisation_id=bank)[0]
    product = get_api_v1_foodaid_products.sync(client=client, active=True, limit=1)[0]
    best_before = (datetime.date.today() + datetime.timedelta(days=200)).isoformat()
    lot = post_api_v1_foodaid_lots.sync(client=client, body=FoodAidStockServiceReceipt.from_dict({
        "productId": str(product.id), "siteId": str(warehouse.id), "quantity": 3, "bestBefore": best_before,
        "originKind": "purchase", "originReference": "client généré"}))
    detail = get_api_v1_foodaid_lots_by_id.sync(client=client, id=lot.id)
    print(f"{me.user.display_name} received {detail.lot.on_hand} × {product.name} at {warehouse.name}: "
          f"lot {detail.lot.id}, {detail.lot.status}, {len(detail.movements)} movement(s)")
    return 0 if detail.lot.on_hand == 3 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
