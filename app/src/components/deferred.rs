//! A part of a page that hydrates in a browser task of its own, after what comes before it.
//!
//! Leptos hydrates a page in one go: one long task in which every function the page calls is
//! also compiled for the first time (V8 compiles wasm lazily, on first call). On the brand
//! home that was a 180 ms task on a phone-class CPU, most of Lighthouse's blocking time.
//! Splitting hydration into tasks lets the browser paint and answer input in between.
//!
//! Two ways in, depending on how the part is reached:
//! - **Inside a `Suspense`** (a page's content), hydration is synchronous. The part is left as
//!   the server rendered it — readable, its links working through the router's
//!   document-level handler — and hydrated from a `setTimeout` task queued behind the page.
//!   Use it there for parts that are one element, read no resource of their own (they hydrate
//!   after hydration has ended, when a resource would fetch again) and hold no control a
//!   person is likely to use in the first moments. [`when_settled`] tells when all are done.
//! - **In the shell**, which Leptos hydrates as a future, the part waits for the next task and
//!   then hydrates in place, still within the page's hydration: anything may be inside.
//!
//! On the server, and when a page is built in the browser after a client-side navigation, a
//! deferred part renders at once like any other.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::{Poll, Waker};
use std::time::Duration;

use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::renderer::{CastFrom, Rndr};
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// Renders `children` (one element) now on the server, and hydrates it in the browser in a
/// task after the rest of the page.
#[component]
pub fn Deferred(children: Children) -> impl IntoView {
    DeferredView { children }
}

/// The view behind [`Deferred`].
pub struct DeferredView {
    children: Children,
}

/// A deferred part: still the server's element, or hydrated (or built) into a live view.
pub struct DeferredState(Rc<RefCell<Slot>>);

enum Slot {
    /// Server-rendered and not hydrated yet.
    Waiting(Element),
    /// Live.
    Live(AnyViewState),
}

thread_local! {
    /// Deferred parts queued and not hydrated yet, and who waits for them all.
    static PENDING: Cell<usize> = const { Cell::new(0) };
    static WAITERS: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `then` once every deferred part queued so far has hydrated (at once if none is
/// waiting). The browser entry point marks the page hydrated with it: end-to-end tests wait
/// for that mark before they click.
pub fn when_settled(then: impl FnOnce() + 'static) {
    if PENDING.get() == 0 {
        then();
    } else {
        WAITERS.with_borrow_mut(|waiters| waiters.push(Box::new(then)));
    }
}

fn settle_one() {
    PENDING.set(PENDING.get().saturating_sub(1));
    if PENDING.get() == 0 {
        let waiters = WAITERS.with_borrow_mut(std::mem::take);
        for then in waiters {
            then();
        }
    }
}

impl Render for DeferredView {
    type State = DeferredState;

    fn build(self) -> Self::State {
        DeferredState(Rc::new(RefCell::new(Slot::Live((self.children)().build()))))
    }

    fn rebuild(self, state: &mut Self::State) {
        let view = (self.children)();
        let mut slot = state.0.borrow_mut();
        match &mut *slot {
            Slot::Live(live) => view.rebuild(live),
            Slot::Waiting(element) => {
                let mut live = view.build();
                let node: &Node = element.as_ref();
                Rndr::mount_before(&mut live, node);
                Rndr::remove(node);
                *slot = Slot::Live(live);
            }
        }
    }
}

impl AddAnyAttr for DeferredView {
    type Output<SomeNewAttr: Attribute> = Self;

    /// A deferred part takes no spread attributes: put them on its element instead.
    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        self
    }
}

impl RenderHtml for DeferredView {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        (self.children)().to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        (self.children)().to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        );
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        // Step over the part's element exactly as hydrating an element would, so the rest of
        // the page hydrates against the right nodes.
        match position.get() {
            Position::FirstChild => cursor.child(),
            Position::Current => {}
            _ => cursor.sibling(),
        }
        let Some(element) = Element::cast_from(cursor.current()) else {
            // Not the element the server should have sent: hydrate in place, as Leptos
            // would, so the mismatch is reported where it happened.
            return DeferredState(Rc::new(RefCell::new(Slot::Live(
                (self.children)().hydrate::<FROM_SERVER>(cursor, position),
            ))));
        };
        position.set(Position::NextChild);

        let slot = Rc::new(RefCell::new(Slot::Waiting(element.clone())));
        let weak = Rc::downgrade(&slot);
        let owner = Owner::current();
        let children = self.children;
        PENDING.set(PENDING.get() + 1);
        // A task that waits for the timer, not the hydration inside the timer's callback: a
        // callback handed to JavaScript that reaches the page's code pulled that code (150 KB)
        // into the main wasm module when the build split it.
        leptos::task::spawn_local(async move {
            next_task().await;
            // Gone already (the reader navigated away), or built afresh because the page
            // changed meanwhile: nothing left to hydrate.
            if let Some(slot) = weak.upgrade()
                && matches!(*slot.borrow(), Slot::Waiting(_))
            {
                let hydrate = move || {
                    (children)().hydrate::<FROM_SERVER>(
                        &Cursor::new(element),
                        &PositionState::new(Position::Current),
                    )
                };
                let live = match owner {
                    Some(owner) => owner.with(hydrate),
                    None => hydrate(),
                };
                *slot.borrow_mut() = Slot::Live(live);
            }
            settle_one();
        });
        DeferredState(slot)
    }

    /// Hydrating the whole page as a future (the shell, before a lazily loaded page): wait
    /// for the next task, then hydrate in place, still within the page's hydration.
    async fn hydrate_async(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        next_task().await;
        DeferredState(Rc::new(RefCell::new(Slot::Live(
            (self.children)().hydrate_async(cursor, position).await,
        ))))
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}

/// Resolves in a later browser task (a zero-delay `setTimeout`), letting the browser paint
/// and handle input in between.
fn next_task() -> impl Future<Output = ()> {
    let state = Rc::new(RefCell::new((false, None::<Waker>)));
    let timer = Rc::clone(&state);
    set_timeout(
        move || {
            let mut timer = timer.borrow_mut();
            timer.0 = true;
            if let Some(waker) = timer.1.take() {
                waker.wake();
            }
        },
        Duration::ZERO,
    );
    std::future::poll_fn(move |cx| {
        let mut state = state.borrow_mut();
        if state.0 {
            Poll::Ready(())
        } else {
            state.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })
}

impl Mountable for DeferredState {
    fn unmount(&mut self) {
        match &mut *self.0.borrow_mut() {
            Slot::Live(live) => live.unmount(),
            Slot::Waiting(element) => Rndr::remove(element.as_ref()),
        }
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        match &mut *self.0.borrow_mut() {
            Slot::Live(live) => live.mount(parent, marker),
            Slot::Waiting(element) => Rndr::insert_node(parent, element.as_ref(), marker),
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match &*self.0.borrow() {
            Slot::Live(live) => live.insert_before_this(child),
            Slot::Waiting(element) => {
                match Rndr::get_parent(element.as_ref()).and_then(Element::cast_from) {
                    Some(parent) => {
                        child.mount(&parent, Some(element.as_ref()));
                        true
                    }
                    None => false,
                }
            }
        }
    }

    fn elements(&self) -> Vec<Element> {
        match &*self.0.borrow() {
            Slot::Live(live) => live.elements(),
            Slot::Waiting(element) => vec![element.clone()],
        }
    }
}
