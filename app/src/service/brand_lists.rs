//! A brand's suspicion lists — reference prices and authorised sellers — read by its staff,
//! its manager and admins, and changed only by its own staff.

use crate::db::brand_lists::{self, ListChange, ListRefusal};
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::model::{CurrentUser, ListEdit, SuspicionLists};
use crate::service::{Context, access};

impl ListRefusal {
    /// The form field the refusal concerns: the seller's name, or the lists as a whole.
    pub fn field(&self) -> &'static str {
        match self {
            ListRefusal::NoSuchSeller { .. } => "seller",
            ListRefusal::PriceNotListed | ListRefusal::SellerNotListed => "lists",
        }
    }

    /// The refusal in words for the brand's staff.
    pub fn message(&self) -> String {
        match self {
            ListRefusal::PriceNotListed => "That product line is not on your list.".into(),
            ListRefusal::NoSuchSeller { name } => format!(
                "There is no seller called \"{name}\" on the marketplace; check the shop name."
            ),
            ListRefusal::SellerNotListed => "That seller is not on your list.".into(),
        }
    }
}

/// A brand's reference prices and authorised sellers: its staff, its manager, admins.
pub async fn suspicion_lists(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<SuspicionLists, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    Ok(SuspicionLists {
        prices: brand_lists::reference_prices(&ctx.db.pool, brand_id).await?,
        sellers: brand_lists::authorised_sellers(&ctx.db.pool, brand_id).await?,
    })
}

/// Changes a brand's reference prices or authorised sellers: only the brand's own staff.
pub async fn edit_lists(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    edit: ListEdit,
) -> Result<(), AppError> {
    access::own_brand_staff(caller, brand_id)?;
    let change = list_change(edit)?;
    brand_lists::change_lists(&ctx.db, brand_id, &change, caller.id, ctx.now())
        .await?
        .map_err(|refusal| AppError::field(refusal.field(), refusal.message()))
}

/// The change to store for an edit as typed: a product line (2 to 80 characters, spaces
/// collapsed) with a price above zero, or a seller's shop name that is not blank.
fn list_change(edit: ListEdit) -> Result<ListChange, AppError> {
    Ok(match edit {
        ListEdit::SetPrice {
            product_line,
            price,
        } => {
            let product_line = product_line
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let mut errors = FieldErrors::new();
            if !(2..=80).contains(&product_line.chars().count()) {
                errors.insert(
                    "product_line".into(),
                    vec![
                        "Name the product line as it appears in titles (2 to 80 characters)."
                            .into(),
                    ],
                );
            }
            let price = crate::domain::parse_price(&price)
                .and_then(|cents| {
                    if cents > 0 {
                        Ok(cents)
                    } else {
                        Err("A reference price is more than zero.".into())
                    }
                })
                .map_err(|message| errors.insert("price".into(), vec![message]));
            match price {
                Ok(price_cents) if errors.is_empty() => ListChange::SetPrice {
                    product_line,
                    price_cents,
                },
                _ => return Err(AppError::Validation(errors)),
            }
        }
        ListEdit::RemovePrice(id) => ListChange::RemovePrice(id),
        ListEdit::AddSeller(name) if name.trim().is_empty() => {
            return Err(AppError::field("seller", "Type the seller's shop name."));
        }
        ListEdit::AddSeller(name) => {
            crate::service::within(
                "seller",
                name.trim(),
                crate::domain::limits::MAX_NAME_CHARS,
                "the shop name",
            )?;
            ListChange::AddSeller(name)
        }
        ListEdit::RemoveSeller(id) => ListChange::RemoveSeller(id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_line_is_collapsed_and_bounded() {
        let change = list_change(ListEdit::SetPrice {
            product_line: "  Aria   One ".into(),
            price: "349.00".into(),
        })
        .expect("valid");
        assert_eq!(
            change,
            ListChange::SetPrice {
                product_line: "Aria One".into(),
                price_cents: 34_900,
            }
        );
        let short = list_change(ListEdit::SetPrice {
            product_line: "A".into(),
            price: "0".into(),
        })
        .expect_err("too short, zero price");
        assert!(!short.messages_for("product_line").is_empty());
        assert_eq!(
            short.messages_for("price"),
            ["A reference price is more than zero."]
        );
    }

    #[test]
    fn a_blank_seller_is_refused() {
        let error = list_change(ListEdit::AddSeller("   ".into())).expect_err("blank");
        assert_eq!(
            error.messages_for("seller"),
            ["Type the seller's shop name."]
        );
    }
}
