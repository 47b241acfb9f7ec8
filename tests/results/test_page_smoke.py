from tests.results.data import YOUNGER, add, repeat
from tests.staff_world import sign_in


def test_smoke(app, client, world):
    add(
        app,
        world.consultation,
        repeat(
            {
                "feel_safe_area": "4",
                "trusted_adult": "yes",
                "safe_places": ["home", "school"],
                "priorities": ["a"],
                "unsafe_place": "park",
            },
            12,
        ),
    )
    add(
        app,
        world.consultation,
        repeat({"feel_safe_area": "2", "trusted_adult": "no", "who_to_talk": "friend"}, 8),
        version=YOUNGER,
        locale="cy",
    )
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}/results")
    assert page.status_code == 200, page.text
    print(page.page.get_text(" ", strip=True)[:3000])
    for by in ("age_band", "language", "month", "trusted_adult"):
        page = client.get(f"/staff/consultations/{world.consultation}/results/compare?by={by}")
        assert page.status_code == 200
    print(page.page.get_text(" ", strip=True)[:3000])
    chart = client.get(
        f"/staff/consultations/{world.consultation}/results/charts/feel_safe_area.svg"
    )
    assert chart.status_code == 200
    chart = client.get(
        f"/staff/consultations/{world.consultation}/results/charts/feel_safe_area.svg?by=age_band"
    )
    assert chart.status_code == 200
    chart = client.get(
        f"/staff/consultations/{world.consultation}/results/charts/safe_places.svg?by=language"
    )
    assert chart.status_code == 200
